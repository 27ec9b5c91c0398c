import OrganizerSyncCore

/// A Webex person as the People API returns it.
///
/// The spec marks no field required; this client needs `id`
/// and `emails` (it cannot address or match a person without them), everything else is optional.
/// `loginEnabled` and `invitePending` are the strings `"true"`/`"false"` in answers (booleans in bodies).
struct WebexPerson: Decodable, Sendable {
    var id: String
    var emails: [String]
    var displayName: String?
    var firstName: String?
    var lastName: String?
    var licenses: [String]?
    var roles: [String]?
    var loginEnabled: FlexibleString?
    var invitePending: FlexibleString?
    var department: String?
    var title: String?
    var type: String?

    /// The account.
    ///
    /// `status` in a person is presence, not account state, so it is not used: suspended is
    /// `loginEnabled == "false"`, pending is `invitePending == "true"`.
    func account(provider: ProviderKind = .webex) throws -> ProviderAccount {
        guard let email = emails.first else {
            throw ProviderError(.invalidResponse, provider: provider, operation: "people.decode", field: "emails[0]")
        }
        let state: ProviderAccount.Status =
            if loginEnabled?.value == "false" {
                .suspended
            } else if invitePending?.value == "true" {
                .pending
            } else {
                .active
            }
        var fields: [String: String] = [:]
        fields["department"] = department
        fields["title"] = title
        fields["type"] = type
        let roles = roles ?? []
        return ProviderAccount(
            id: id,
            email: email,
            firstName: firstName,
            lastName: lastName,
            displayName: displayName,
            status: state,
            licences: licenses ?? [],
            roles: roles,
            // Role ids are opaque; any admin role (full, user, read-only…) marks an administrator.
            isAdmin: !roles.isEmpty,
            fields: fields
        )
    }
}

/// A page of `GET /people`: `{"items": […], "notFoundIds": […]}`; a missing `items` is an empty page.
struct WebexPeoplePage: Decodable, Sendable {
    var items: [WebexPerson]?
}
