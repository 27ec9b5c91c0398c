import OrganizerSyncCore

/// A GoTo Admin API user.
///
/// Only `key` and `email` are required; every other field is optional, since GoTo
/// publishes no schema and clients see different subsets. Keys are huge integers: read as strings.
struct GoToUser: Decodable, Sendable {
    var key: FlexibleString
    var email: String
    var firstName: String?
    var lastName: String?
    var licenseKeys: [FlexibleString]?
    var adminRoles: [String]?
    var admin: Bool?
    var status: String?
    var locale: String?
    var timeZone: String?
    var groupKey: FlexibleString?

    /// GoTo has no suspend call; a user without any product licence cannot host, so that counts as
    /// suspended.
    ///
    /// A `status` field, when the API sends one, wins.
    var account: ProviderAccount {
        let licences = (licenseKeys ?? []).map(\.value)
        let roles = adminRoles ?? []
        var state: ProviderAccount.Status = licences.isEmpty ? .suspended : .active
        switch status?.lowercased() {
        case .some(let value) where value.contains("suspend") || value.contains("disabled"): state = .suspended
        case .some(let value) where value.contains("pending") || value.contains("invited"): state = .pending
        default: break
        }
        var fields: [String: String] = [:]
        fields["locale"] = locale
        fields["timeZone"] = timeZone
        fields["groupKey"] = groupKey?.value
        return ProviderAccount(
            id: key.value,
            email: email,
            firstName: firstName,
            lastName: lastName,
            displayName: [firstName, lastName].compactMap { $0 }.joined(separator: " "),
            status: state,
            licences: licences,
            roles: roles,
            isAdmin: admin == true || !roles.isEmpty,
            fields: fields
        )
    }
}

/// A page of `GET /accounts/{accountKey}/users`: `{"results","fromIndex","toIndex","total"}`.
struct GoToUserPage: Decodable, Sendable {
    var results: [GoToUser]
    var fromIndex: Int?
    var toIndex: Int?
    var total: Int?
}

/// `GET /admin/rest/v1/me`: only the account key is needed.
struct GoToMe: Decodable, Sendable {
    var accountKey: FlexibleString
}

/// One entry of the create answer `[{"key","email"}]`, which lists conflicting existing users as well.
struct GoToCreatedUser: Decodable, Sendable {
    var key: FlexibleString
    var email: String
}

/// The body of `POST /accounts/{accountKey}/users`.
struct GoToCreateRequest: Encodable, Sendable {
    struct User: Encodable, Sendable {
        var email: String
        var firstName: String?
        var lastName: String?
        var locale: String?
        var timeZone: String?
    }

    var users: [User]
    /// No welcome email from GoTo: the organisation announces seats itself.
    var suppressEmail = true
    var licenseKeys: [String]?
}
