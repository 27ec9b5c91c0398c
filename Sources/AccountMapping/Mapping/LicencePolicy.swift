/// Which licences or user type a user gets: ordered group rules, first match wins (as GoTo's
/// prioritized sync rules), then an optional default.
public struct LicencePolicy: Sendable {
    /// What a rule gives.
    public struct Grant: Sendable, Hashable, Codable {
        /// GoTo licence keys or Webex licence ids; `nil` for Zoom.
        public var licences: [String]?
        /// Zoom user type as the API writes it (`1` Basic, `2` Licensed, `4` Unassigned); `nil` elsewhere.
        public var userType: String?

        /// Creates a grant.
        public init(licences: [String]? = nil, userType: String? = nil) {
            self.licences = licences
            self.userType = userType
        }
    }

    /// A group rule.
    public struct Rule: Sendable {
        /// The group whose members (transitive) the rule applies to.
        public var group: GroupReference
        /// What members get.
        public var grant: Grant

        /// Creates a rule.
        public init(group: GroupReference, grant: Grant) {
            self.group = group
            self.grant = grant
        }
    }

    /// The rules, in priority order.
    public var rules: [Rule]
    /// What users matched by no rule get; `nil` leaves licences to the provider's default.
    public var defaultGrant: Grant?

    /// Creates a policy.
    public init(rules: [Rule] = [], defaultGrant: Grant? = nil) {
        self.rules = rules
        self.defaultGrant = defaultGrant
    }

    /// The first rule the user matches (named `group:NAME`), else the default (named `default`).
    func choose(for subject: MappingSubject) -> (rule: String, grant: Grant)? {
        if let rule = rules.first(where: { subject.isMember(of: $0.group) }) {
            return (rule.group.description, rule.grant)
        }
        return defaultGrant.map { ("default", $0) }
    }
}
