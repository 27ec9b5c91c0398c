/// One account (GoTo user, Zoom user or Webex person) held by the simulator.
///
/// The same shape serves all three providers; each API renders it the way its documentation says:
/// - GoTo: `id` is the user `key` (a huge integer rendered as a string); a user without licences is "suspended".
/// - Zoom: `id` is the user id (absent in list results while `status` is `pending`); `userType` is `type`
///   (1 Basic, 2 Licensed, 4 Unassigned); `roles.first` is `role_id` (`"0"` owner, `"1"` admin, `"2"` member).
/// - Webex: `id` is the base64 person id; `status == .inactive` renders as `loginEnabled: "false"`,
///   `.pending` as `invitePending: "true"`; `roles` and `licenses` hold Webex ids.
public struct SimulatedAccount: Sendable, Codable, Equatable, Hashable {
    /// The account's lifecycle state as the simulator tracks it.
    public enum Status: String, Sendable, Codable, Hashable {
        /// The account can log in (and, for GoTo, holds at least one licence).
        case active
        /// Deactivated (Zoom), login disabled (Webex) or without licences (GoTo).
        case inactive
        /// Invited but not yet activated (Zoom `pending`, Webex `invitePending`).
        case pending
    }

    /// The provider's id for the account.
    public var id: String
    /// The primary email address (unique per provider, compared case-insensitively).
    public var email: String
    /// Given name.
    public var firstName: String?
    /// Family name.
    public var lastName: String?
    /// Display name.
    public var displayName: String?
    /// Lifecycle state.
    public var status: Status
    /// Zoom user type (1 Basic, 2 Licensed, 4 Unassigned); nil for the other providers.
    public var userType: Int?
    /// Admin roles: GoTo `adminRoles`, Zoom `[role_id]`, Webex role ids.
    public var roles: [String]
    /// Licence ids (GoTo licence keys, Webex licence ids; unused for Zoom).
    public var licenses: [String]
    /// Department.
    public var department: String?
    /// Job title.
    public var title: String?
    /// Time zone name (IANA).
    public var timezone: String?
    /// Locale such as `en_US`.
    public var locale: String?
    /// Creation time, ISO 8601 (`2024-01-02T03:04:05Z`).
    public var created: String
    /// Webex Calling: the extension (without the location's routing prefix).
    public var callingExtension: String?
    /// Webex Calling: the location id, set with the calling licence.
    public var locationId: String?
    /// Webex Calling: the work phone number.
    public var workPhone: String?
    /// Webex: meeting sites where the person has a role, `site.webex.com` (host) or `site.webex.com#attendee`.
    public var siteUrls: [String] = []

    /// Creates an account.
    public init(
        id: String,
        email: String,
        firstName: String? = nil,
        lastName: String? = nil,
        displayName: String? = nil,
        status: Status = .active,
        userType: Int? = nil,
        roles: [String] = [],
        licenses: [String] = [],
        department: String? = nil,
        title: String? = nil,
        timezone: String? = nil,
        locale: String? = nil,
        created: String = "2024-01-01T00:00:00Z"
    ) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.displayName = displayName
        self.status = status
        self.userType = userType
        self.roles = roles
        self.licenses = licenses
        self.department = department
        self.title = title
        self.timezone = timezone
        self.locale = locale
        self.created = created
    }

    private enum CodingKeys: String, CodingKey {
        case id, email, firstName, lastName, displayName, status, userType, roles, licenses, department, title
        case timezone, locale, created, callingExtension, locationId, workPhone, siteUrls
    }

    /// Decodes an account; only `id` and `email` are required.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            email: try c.decode(String.self, forKey: .email),
            firstName: try c.decodeIfPresent(String.self, forKey: .firstName),
            lastName: try c.decodeIfPresent(String.self, forKey: .lastName),
            displayName: try c.decodeIfPresent(String.self, forKey: .displayName),
            status: try c.decodeIfPresent(Status.self, forKey: .status) ?? .active,
            userType: try c.decodeIfPresent(Int.self, forKey: .userType),
            roles: try c.decodeIfPresent([String].self, forKey: .roles) ?? [],
            licenses: try c.decodeIfPresent([String].self, forKey: .licenses) ?? [],
            department: try c.decodeIfPresent(String.self, forKey: .department),
            title: try c.decodeIfPresent(String.self, forKey: .title),
            timezone: try c.decodeIfPresent(String.self, forKey: .timezone),
            locale: try c.decodeIfPresent(String.self, forKey: .locale),
            created: try c.decodeIfPresent(String.self, forKey: .created) ?? "2024-01-01T00:00:00Z"
        )
        callingExtension = try c.decodeIfPresent(String.self, forKey: .callingExtension)
        locationId = try c.decodeIfPresent(String.self, forKey: .locationId)
        workPhone = try c.decodeIfPresent(String.self, forKey: .workPhone)
        siteUrls = try c.decodeIfPresent([String].self, forKey: .siteUrls) ?? []
    }
}
