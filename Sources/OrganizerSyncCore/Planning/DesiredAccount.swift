/// What one directory user's account should look like at one target, as the target's mapping says.
///
/// The mapping (module `AccountMapping`) makes these from a ``DirectorySnapshot``; the planner
/// compares them with the provider's accounts and the ``SyncState``.
public struct DesiredAccount: Sendable, Hashable, Codable {
    /// The directory anchor (immutable id) of the user.
    public var anchor: String
    /// The user's DN, for reports.
    public var dn: String
    /// The mapped fields: email, names, licences or user type, other provider fields.
    public var fields: AccountFields
    /// Whether the user is enabled in the directory.
    ///
    /// A disabled user in scope is deprovisioned.
    public var isEnabled: Bool
    /// Why the user is in scope: the names of the scope rules that matched (`group:meeting-hosts`).
    public var scopeReasons: [String]
    /// The group rule that chose the licence or user type, when one did.
    public var licenceRule: String?

    public init(
        anchor: String,
        dn: String,
        fields: AccountFields,
        isEnabled: Bool,
        scopeReasons: [String],
        licenceRule: String? = nil
    ) {
        self.anchor = anchor
        self.dn = dn
        self.fields = fields
        self.isEnabled = isEnabled
        self.scopeReasons = scopeReasons
        self.licenceRule = licenceRule
    }
}
