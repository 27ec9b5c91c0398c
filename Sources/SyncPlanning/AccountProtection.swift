public import OrganizerSyncCore

/// What protects an account from any change under a target's policy: an email pattern, the provider's administrator
/// flag, a role, or a status this tool does not know.
///
/// The planner withholds such accounts; `apply` checks again on
/// the accounts it lists itself, whatever the plan says.
public struct AccountProtection: Sendable {
    private let policy: PlanningPolicy
    private let patterns: [EmailPattern]
    private let roles: Set<String>

    /// Prepares the policy's patterns and roles.
    /// - Parameter policy: the target's policy.
    public init(policy: PlanningPolicy) {
        self.policy = policy
        self.patterns = policy.protectedEmails.map(EmailPattern.init)
        self.roles = Set(policy.protectedRoles.map { $0.lowercased() })
    }

    /// The rule that protects `account` (`pattern:*@ops.example.com`, `administrator`, `role:owner`,
    /// `status:unknown`), or `nil` when none does.
    public func rule(for account: ProviderAccount) -> String? {
        if account.status == .unknown { return "status:unknown" }
        if let pattern = patterns.first(where: { $0.matches(account.email) }) {
            return "pattern:\(pattern.pattern)"
        }
        if policy.protectsAdministrators, account.isAdmin { return "administrator" }
        if let role = account.roles.first(where: { roles.contains($0.lowercased()) }) {
            return "role:\(role)"
        }
        return nil
    }
}
