import OrganizerSyncCore

/// The plan of one target while the planner builds it: actions and reports, with protection applied.
struct PlanDraft: Sendable {
    let policy: PlanningPolicy
    let provider: ProviderKind
    let now: Double
    private let protection: AccountProtection

    var actions: [PlannedAction] = []
    var conflicts: [PlanConflict] = []
    var protected: [ProtectedAccountReport] = []
    var unmanaged: [UnmanagedAccountReport] = []
    var deferredDeletions: [DeferredDeletion] = []
    var links: [AccountLink] = []

    init(policy: PlanningPolicy, provider: ProviderKind, now: Double) {
        self.policy = policy
        self.provider = provider
        self.now = now
        self.protection = AccountProtection(policy: policy)
    }

    /// What protects `account` from any change, if anything does.
    func protection(of account: ProviderAccount) -> String? { protection.rule(for: account) }

    /// Adds an action on an existing account, or a protected report when the policy protects the account.
    mutating func propose(
        _ kind: ActionKind,
        on account: ProviderAccount,
        anchor: String?,
        dn: String?,
        reasons: [String],
        changes: [FieldChange] = [],
        fields: AccountFields? = nil
    ) {
        if let rule = protection(of: account) {
            protected.append(
                ProtectedAccountReport(
                    anchor: anchor,
                    providerID: account.id,
                    email: account.email,
                    status: account.status,
                    protectedBy: rule,
                    withheld: kind,
                    reasons: reasons
                )
            )
            return
        }
        actions.append(
            PlannedAction(
                kind: kind,
                anchor: anchor,
                dn: dn,
                email: account.email,
                reasons: reasons,
                precondition: .seen(account),
                changes: changes,
                fields: fields
            )
        )
    }

    /// Adds a create for `desired`.
    mutating func create(_ desired: DesiredAccount) {
        actions.append(
            PlannedAction(
                kind: .create,
                anchor: desired.anchor,
                dn: desired.dn,
                email: desired.fields.email,
                reasons: PlanDraft.scopeReasons(of: desired),
                precondition: .absent(email: desired.fields.email),
                fields: desired.fields
            )
        )
    }

    /// The reasons a user is in scope: its scope rules and its licence rule.
    static func scopeReasons(of desired: DesiredAccount) -> [String] {
        var reasons = desired.scopeReasons.map { "in scope: \($0)" }
        if reasons.isEmpty { reasons.append("in scope") }
        if let rule = desired.licenceRule { reasons.append("licence rule: \(rule)") }
        return reasons
    }
}
