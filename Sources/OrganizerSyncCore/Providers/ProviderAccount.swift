/// An organizer account as a provider reports it, in provider-neutral terms.
///
/// Provider-specific values that the mapping may still want (a Zoom department, a GoTo locale) are kept in
/// ``fields`` under the provider's own field name.
public struct ProviderAccount: Sendable, Hashable, Codable {
    /// The account's state at the provider.
    public enum Status: String, Sendable, Hashable, Codable, CustomStringConvertible {
        /// Can sign in and host.
        case active
        /// Kept at the provider but cannot host: Zoom `inactive`, Webex `loginEnabled: false`, GoTo without
        /// any product licence.
        case suspended
        /// Invited but not yet activated: Zoom `pending`, Webex `invitePending: true`.
        case pending
        /// A state this connector does not know; the planner must leave such accounts alone.
        case unknown

        public var description: String { rawValue }
    }

    /// The provider's id: GoTo user `key` (a huge integer, kept as a string), Zoom `id`, Webex person `id`.
    ///
    /// `nil` for Zoom users in the `pending` list, which the Users API returns without an id; such
    /// accounts are addressed by ``email``.
    public var id: String?
    /// The primary email address, the natural key shared with the directory.
    public var email: String
    /// Given name, if the provider has one.
    public var firstName: String?
    /// Family name, if the provider has one.
    public var lastName: String?
    /// The display name, if the provider has one.
    public var displayName: String?
    /// The account's state.
    public var status: Status
    /// Licence or product keys held: GoTo `licenseKeys`, Webex `licenses`; empty for Zoom (see ``userType``).
    public var licences: [String]
    /// The provider's user type, if it has one: Zoom `type` (`1` Basic, `2` Licensed, `4` Unassigned).
    public var userType: String?
    /// Role names or ids: GoTo `adminRoles`, Zoom `role_id`/`role_name`, Webex role ids.
    public var roles: [String]
    /// Whether the account is an administrator or owner; such accounts are protected by policy.
    public var isAdmin: Bool
    /// Other provider fields, under the provider's field names (`dept`, `timezone`, `locale`...).
    public var fields: [String: String]

    /// Creates an account value.
    public init(
        id: String?,
        email: String,
        firstName: String? = nil,
        lastName: String? = nil,
        displayName: String? = nil,
        status: Status,
        licences: [String] = [],
        userType: String? = nil,
        roles: [String] = [],
        isAdmin: Bool = false,
        fields: [String: String] = [:]
    ) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.displayName = displayName
        self.status = status
        self.licences = licences
        self.userType = userType
        self.roles = roles
        self.isAdmin = isAdmin
        self.fields = fields
    }
}

extension ProviderAccount {
    /// The field under which a suspended GoTo account carries the licence keys its suspend removed (GoTo has no
    /// suspended state: a suspend takes every licence away, and a reactivate must know which to give back).
    ///
    /// The GoTo client sets it on suspend and reads it on reactivate; apply keeps it in the state store between.
    public static let suspendedLicencesField = "goto.suspendedLicenseKeys"
}
