public import OrganizerSyncCore

/// Every decision the mapping made for one directory user, for `organizer-sync explain USER`.
public struct UserExplanation: Sendable, Hashable, Codable {
    /// What the mapping decided.
    public enum Outcome: String, Sendable, Hashable, Codable, CustomStringConvertible {
        /// Not selected by the scope: no desired account.
        case outOfScope = "out of scope"
        /// Selected and enabled (or disabled with `include_disabled`): the account should be active.
        case provision
        /// Selected but disabled in the directory: the account should be deprovisioned.
        case deprovision
        /// Selected, but the email expression gave no value: reported, no desired account.
        case missingEmail = "missing email"
        /// Selected, but the email is not an address: reported, no desired account.
        case invalidEmail = "invalid email"

        public var description: String { rawValue }
    }

    /// One mapped field.
    public struct MappedField: Sendable, Hashable, Codable {
        /// The provider field.
        public var name: String
        /// The expression as written.
        public var expression: String
        /// The value it gave, or `nil` for none.
        public var value: String?
    }

    /// The user's anchor and DN.
    public var anchor: String
    public var dn: String
    /// Whether the user is enabled in the directory.
    public var isEnabled: Bool
    /// Each scope rule and whether it held.
    public var scopeChecks: [ScopeRule.Check]
    /// The decision.
    public var outcome: Outcome
    /// Each field's expression and value.
    public var fields: [MappedField]
    /// The licence rule that applied (`group:NAME` or `default`), if any.
    public var licenceRule: String?
    /// What that rule gave.
    public var grant: LicencePolicy.Grant?
    /// The desired account, when the outcome is provision or deprovision.
    public var account: DesiredAccount?
}
