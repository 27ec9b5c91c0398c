import OrganizerSyncCore

/// A Zoom user as `GET /users` and `GET /users/{userId}` return it.
///
/// The spec requires `email` and `type`;
/// `id` is absent for pending users; everything else is optional.
struct ZoomUser: Decodable, Sendable {
    var id: String?
    var email: String
    var type: FlexibleString
    var firstName: String?
    var lastName: String?
    var displayName: String?
    var status: String?
    var roleID: FlexibleString?
    var roleName: String?
    var dept: String?
    var timezone: String?
    var jobTitle: String?

    enum CodingKeys: String, CodingKey {
        case id, email, type, status, dept, timezone
        case firstName = "first_name"
        case lastName = "last_name"
        case displayName = "display_name"
        case roleID = "role_id"
        case roleName = "role_name"
        case jobTitle = "job_title"
    }

    /// The account; `listedStatus` is the `status` the list was asked for, used when the item has none.
    func account(listedStatus: String? = nil) -> ProviderAccount {
        var interner = StorageInterner()
        return account(listedStatus: listedStatus, sharing: &interner)
    }

    /// The account, its role list and extra fields shared through `interner` with equal ones listed before.
    func account(listedStatus: String?, sharing interner: inout StorageInterner) -> ProviderAccount {
        let state: ProviderAccount.Status =
            switch (status ?? listedStatus)?.lowercased() {
            case "active": .active
            case "inactive": .suspended
            case "pending": .pending
            default: .unknown
            }
        var roles: [String] = []
        if let roleID { roles.append(roleID.value) }
        if let roleName { roles.append(roleName) }
        // Zoom's built-in roles: 0 Owner, 1 Admin, 2 Member. Owner and admin users cannot be deactivated.
        let isAdmin = ["0", "1"].contains(roleID?.value) || ["owner", "admin"].contains(roleName?.lowercased())
        var fields: [String: String] = [:]
        fields["dept"] = dept
        fields["timezone"] = timezone
        fields["job_title"] = jobTitle
        return ProviderAccount(
            id: id,
            email: email,
            firstName: firstName,
            lastName: lastName,
            displayName: displayName,
            status: state,
            userType: type.value,
            roles: interner.shared(roles),
            isAdmin: isAdmin,
            fields: interner.shared(fields)
        )
    }
}

/// A page of `GET /users`.
///
/// The spec marks nothing here required; a page without `users` is empty, and an
/// empty or absent `next_page_token` ends the listing.
struct ZoomUserPage: Decodable, Sendable {
    var users: [ZoomUser]?
    var nextPageToken: String?
    var totalRecords: Int?

    enum CodingKeys: String, CodingKey {
        case users
        case nextPageToken = "next_page_token"
        case totalRecords = "total_records"
    }
}

/// The 201 answer of `POST /users`: `{"id","email","first_name","last_name","type"}`.
struct ZoomCreatedUser: Decodable, Sendable {
    var id: String
    var email: String?
    var type: FlexibleString?
}
