import OrganizerSyncCore

/// Which directory users a target manages: the `scope:` section of a mapping file.
///
/// The exact rule, for a user of the snapshot:
/// 1. The user is **selected** when they are in at least one of ``groups`` (directly or through nested
///    groups; every user when ``groups`` is empty) **and** match ``filter`` (when there is one).
/// 2. A user who is not selected gets no desired account: to the planner they are out of scope.
/// 3. A selected, enabled user gets a desired account with `isEnabled` true.
/// 4. A selected, disabled user gets a desired account with `isEnabled` **false** (so the planner
///    deprovisions the account it manages) unless ``includeDisabled`` is set, in which case
///    they are treated as enabled.
public struct ScopeRule: Sendable {
    /// One rule checked for a user, for explanations.
    public struct Check: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The rule: `group:NAME`, `all users`, `filter:(…)` or `enabled`.
        public var rule: String
        /// Whether it held for the user.
        public var isMatched: Bool

        public var description: String { "\(isMatched ? "+" : "-") \(rule)" }
    }

    /// The groups whose members (transitive) are in scope; empty means every user of the snapshot.
    public var groups: [GroupReference]
    /// An LDAP filter users must also match, when given.
    public var filter: ScopeFilter?
    /// Whether disabled users are managed as if they were enabled (default: false).
    public var includeDisabled: Bool

    /// Creates a scope.
    public init(groups: [GroupReference] = [], filter: ScopeFilter? = nil, includeDisabled: Bool = false) {
        self.groups = groups
        self.filter = filter
        self.includeDisabled = includeDisabled
    }

    /// The checks for a user and whether the user is selected (rule 1 above).
    func evaluate(_ subject: MappingSubject) -> (checks: [Check], isSelected: Bool) {
        var checks: [Check] = []
        var isInGroup = groups.isEmpty
        if groups.isEmpty {
            checks.append(Check(rule: "all users", isMatched: true))
        }
        for group in groups {
            let isMember = subject.isMember(of: group)
            checks.append(Check(rule: group.description, isMatched: isMember))
            isInGroup = isInGroup || isMember
        }
        var isFiltered = true
        if let filter {
            isFiltered = filter.matches(subject.user)
            checks.append(Check(rule: filter.label, isMatched: isFiltered))
        }
        checks.append(Check(rule: "enabled", isMatched: subject.user.isEnabled))
        return (checks, isInGroup && isFiltered)
    }
}
