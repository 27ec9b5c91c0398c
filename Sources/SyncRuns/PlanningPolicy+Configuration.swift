public import SyncConfiguration
public import SyncPlanning

extension PlanningPolicy {
    /// The planner's policy for a target's `policy:` section: every value the file leaves out keeps the
    /// planner's cautious default.
    /// - Parameter policy: the policy as the configuration file writes it.
    public init(_ policy: TargetConfiguration.Policy) {
        self.init()
        protectedEmails = policy.protectedEmails
        protectsAdministrators = policy.protectsAdministrators
        if let roles = policy.protectedRoles { protectedRoles = roles }
        switch policy.unmanaged {
        case .leave: unmanagedAccounts = .leave
        case .suspend: unmanagedAccounts = .suspend
        case .delete: unmanagedAccounts = .delete
        }
        switch policy.deprovisioning {
        case .suspend: deprovisioning = .suspend
        case .delete: deprovisioning = .delete
        case .suspendThenDelete(let days): deprovisioning = .suspendThenDelete(afterDays: days)
        }
        switch policy.pendingInvitations {
        case .keep: pendingInvitations = .keep
        case .withdraw: pendingInvitations = .withdraw
        }
        func threshold(_ written: TargetConfiguration.Policy.Threshold) -> Threshold {
            Threshold(maxCount: written.count, maxShare: written.share)
        }
        if let limit = policy.maxCreates { createThreshold = threshold(limit) }
        if let limit = policy.maxSuspends { suspendThreshold = threshold(limit) }
        if let limit = policy.maxDeletes { deleteThreshold = threshold(limit) }
        if let blocks = policy.blocksEmptyDirectory { guards.blocksEmptyDirectory = blocks }
        if let share = policy.minimumInScopeShare { guards.minimumInScopeShare = share }
    }
}
