public import AccountMapping
public import OrganizerSyncCore
import SyncConfiguration
public import SyncPlanning

/// What `explain` reports about one user (or one account) at one target.
public struct TargetExplanation: Encodable, Sendable {
    /// The target's name.
    public var target: String
    /// The provider behind it.
    public var provider: ProviderKind
    /// The mapping file or preset used.
    public var mapping: String
    /// The mapping's decisions about the directory user; `nil` when only an account was found.
    public var user: UserExplanation?
    /// The account matched, as listed.
    public var account: ProviderAccount?
    /// The actions planned for the user or account, with their reasons.
    public var actions: [PlannedAction]
    /// Conflicts that hold the user or account (nothing of it is touched).
    public var conflicts: [PlanConflict]
    /// Protection that withheld an action.
    public var protected: [ProtectedAccountReport]
    /// The unmanaged-account report, when the account is one.
    public var unmanaged: UnmanagedAccountReport?
    /// The gates that block the target's plan.
    public var gates: [BlockedGate]

    /// Collects what the run decided about `user` (or, without one, about the account addressed by `query`).
    /// - Parameters:
    ///   - user: the directory user found, if any.
    ///   - query: what the admin typed, to find an account by email when there is no user.
    ///   - target: the target's inputs and plan.
    ///   - run: the run, for the snapshot.
    public init(_ user: DirectoryUser?, query: String, in target: PlanningRun.Target, run: PlanningRun) {
        let explanation = user.map { target.mapper.explain($0, in: run.snapshot) }
        let email = EmailPattern.normalize(explanation?.account?.fields.email ?? query)
        let account = target.accounts.first { EmailPattern.normalize($0.email) == email }
        let anchor = user?.anchor
        func concerns(_ action: PlannedAction) -> Bool {
            if let anchor, action.anchor == anchor { return true }
            return account != nil && EmailPattern.normalize(action.precondition.email) == email
        }
        self.target = target.configuration.name
        self.provider = target.configuration.provider
        self.mapping = target.configuration.mapping.description
        self.user = explanation
        self.account = account
        self.actions = target.plan.actions.filter(concerns)
        self.conflicts = target.plan.conflicts.filter { conflict in
            anchor.map(conflict.anchors.contains) == true || conflict.emails.contains(email)
        }
        self.protected = target.plan.protected.filter {
            ($0.anchor != nil && $0.anchor == anchor) || EmailPattern.normalize($0.email) == email
        }
        self.unmanaged = target.plan.unmanaged.first { EmailPattern.normalize($0.email) == email }
        self.gates = target.plan.gates
    }

    /// The readable form.
    /// - Returns: lines ending with a newline.
    public func text() -> String {
        var lines = ["Target \(target) (\(provider)), mapping \(mapping)"]
        if let user {
            lines.append("  user \(user.dn) (anchor \(user.anchor), \(user.isEnabled ? "enabled" : "disabled"))")
            lines.append("  scope: \(user.scopeChecks.map(\.description).joined(separator: ", ")) -> \(user.outcome)")
            for field in user.fields {
                lines.append(
                    "    \(field.name) = \(field.expression) -> \(field.value.map { "\"\($0)\"" } ?? "(none)")"
                )
            }
            if let rule = user.licenceRule {
                let grant = user.grant.map { grant in
                    grant.userType.map { "user type \($0)" }
                        ?? "licences \((grant.licences ?? []).joined(separator: ","))"
                }
                lines.append("  licence rule: \(rule)\(grant.map { " -> \($0)" } ?? "")")
            }
        } else {
            lines.append("  no directory user: the account is matched by email only")
        }
        if let account {
            let id = account.id ?? "pending, no id"
            lines.append("  account: \(account.email) (\(id), \(account.status)\(account.isAdmin ? ", admin" : ""))")
        } else {
            lines.append("  account: none with this email")
        }
        if actions.isEmpty && conflicts.isEmpty && protected.isEmpty {
            lines.append("  action: none" + (unmanaged.map { " (unmanaged account, policy: \($0.disposition))" } ?? ""))
        }
        for action in actions {
            lines.append("  action: \(action.kind) \(action.email)")
            for change in action.changes {
                lines.append("      \(change.field): \(change.before ?? "(none)") -> \(change.after ?? "(none)")")
            }
            for reason in action.reasons { lines.append("      because: \(reason)") }
        }
        for conflict in conflicts { lines.append("  conflict (\(conflict.kind)): left alone") }
        for report in protected {
            lines.append("  protected (\(report.protectedBy)): \(report.withheld) withheld")
        }
        for gate in gates where actions.contains(where: { gate.blocks.contains($0.kind) }) {
            lines.append("  BLOCKED \(gate.summary)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
