/// What a create or an update sends to a provider.
///
/// On update, `nil` means "leave as it is"; on create, `nil` means "the provider's default".
public struct AccountFields: Sendable, Hashable, Codable {
    /// The primary email address.
    ///
    /// On update, a different value changes the account's email.
    public var email: String
    /// Given name.
    public var firstName: String?
    /// Family name.
    public var lastName: String?
    /// Display name (Webex requires one on every update; it is derived from the names when absent).
    public var displayName: String?
    /// Licence keys to hold (GoTo `licenseKeys`, Webex `licenses`); ignored by Zoom, which uses ``userType``.
    public var licences: [String]?
    /// The provider's user type (Zoom `type`: `1`, `2` or `4`); ignored by GoTo and Webex.
    public var userType: String?
    /// Other mapped provider fields, under the provider's field names (Zoom `dept`, Webex `title`...).
    public var fields: [String: String]

    /// Creates the fields of a create or an update.
    public init(
        email: String,
        firstName: String? = nil,
        lastName: String? = nil,
        displayName: String? = nil,
        licences: [String]? = nil,
        userType: String? = nil,
        fields: [String: String] = [:]
    ) {
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.displayName = displayName
        self.licences = licences
        self.userType = userType
        self.fields = fields
    }
}
