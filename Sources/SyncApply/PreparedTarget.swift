import OrganizerSyncCore
import SyncPlanning

/// A target ready to apply: its plan, its accounts listed again just now, and what the state store records.
struct PreparedTarget: Sendable {
    /// The configuration's target.
    var target: ApplyTarget
    /// The target's part of the plan.
    var plan: TargetPlan
    /// The accounts as listed at the start of apply, by provider id.
    var accountsByID: [String: ProviderAccount]
    /// The accounts as listed at the start of apply, by normalized email.
    var accountsByEmail: [String: ProviderAccount]
    /// How many accounts were listed.
    var accountCount: Int
    /// The state store's records of the target, by anchor.
    var records: [String: SyncState.ManagedAccount]
    /// Action indexes of this plan already applied by an earlier run.
    var alreadyApplied: Set<Int>
    /// What the directory says now of the users the plan creates, reactivates or links; `nil` without a recheck.
    var directory: [String: DirectoryStanding]?

    /// The account an action addresses, as listed now: by the id it had at plan time, else by email.
    func current(for precondition: AccountPrecondition) -> ProviderAccount? {
        if let id = precondition.providerID { return accountsByID[id] }
        return accountsByEmail[EmailPattern.normalize(precondition.email)]
    }
}
