public import OrganizerSyncCore
public import SyncPlanning

/// One target as `apply` needs it: its provider client and its policy (for checking thresholds again).
public struct ApplyTarget: Sendable {
    /// The target's name.
    public var name: String
    /// The provider client.
    public var provider: any AccountProvider
    /// The target's policy now (the configuration digest check guarantees it is the plan's).
    public var policy: PlanningPolicy
    /// The fresh, narrow directory read behind every create, reactivate and link; `nil` only in unit tests of the
    /// applier (then the directory is not asked again).
    public var directory: (any DirectoryRecheck)?

    /// Creates a target.
    public init(
        name: String,
        provider: any AccountProvider,
        policy: PlanningPolicy,
        directory: (any DirectoryRecheck)? = nil
    ) {
        self.name = name
        self.provider = provider
        self.policy = policy
        self.directory = directory
    }
}
