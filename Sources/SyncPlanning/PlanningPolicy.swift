/// The safety policy of one target: which accounts are never touched, what happens to accounts nobody
/// manages, how leavers are deprovisioned, and which figures block a plan.
///
/// The defaults are the cautious ones: provider administrators and owners are protected, unmanaged accounts
/// are left alone (and reported), leavers are suspended (never deleted), at most 100 suspends or 10% of the
/// current accounts and at most 50 deletes or 5%, and an empty directory read or one below half of the last
/// run's users in scope blocks every suspend and delete. Creates are not limited by default.
public struct PlanningPolicy: Sendable, Hashable, Codable {
    /// What to do with accounts that no directory user maps to and that organizer-sync never managed.
    public enum UnmanagedAccounts: String, Sendable, Hashable, Codable, CaseIterable {
        /// Leave them as they are; they are listed in the plan's unmanaged report. The default.
        case leave
        /// Suspend them (active or pending ones).
        case suspend
        /// Delete them.
        case delete
    }

    /// How an account is deprovisioned when its user leaves the scope, is disabled, or is deleted from the
    /// directory.
    public enum Deprovisioning: Sendable, Hashable, Codable {
        /// Suspend the account and keep it. The default.
        case suspend
        /// Suspend the account, then delete it once it has been suspended for `afterDays` days, counted
        /// from ``SyncState/ManagedAccount/suspendedAt``.
        case suspendThenDelete(afterDays: Int)
        /// Delete the account at once.
        case delete
    }

    /// What happens to a leaver's invitation that was never accepted (a pending Zoom user, which Zoom cannot
    /// deactivate).
    public enum PendingInvitations: String, Sendable, Hashable, Codable, CaseIterable {
        /// Keep it: no action is planned for it (`docs/pending-invitations.md`). The default, since `suspend`
        /// deletes nothing.
        case keep
        /// Withdraw it: a ``OrganizerSyncCore/ActionKind/withdrawInvitation`` action.
        case withdraw
    }

    /// A limit on how many actions of one kind a plan may hold before it is blocked.
    public struct Threshold: Sendable, Hashable, Codable {
        /// The largest number of actions allowed; `nil` for no limit by count.
        public var maxCount: Int?
        /// The largest share (0...1) of the target's current accounts allowed; `nil` for no limit by share.
        ///
        /// A target with no accounts yet trips any share limit as soon as one action of the kind is planned.
        public var maxShare: Double?

        /// Creates a threshold.
        /// - Parameters:
        ///   - maxCount: the largest number of actions allowed, or `nil`.
        ///   - maxShare: the largest share of the current accounts allowed, or `nil`.
        public init(maxCount: Int? = nil, maxShare: Double? = nil) {
            self.maxCount = maxCount
            self.maxShare = maxShare
        }

        /// No limit.
        public static let unlimited = Threshold()
    }

    /// Guards against a directory read that lost users: each blocks every suspend and delete when it trips.
    public struct Guards: Sendable, Hashable, Codable {
        /// Block suspends and deletes when no directory user is in scope.
        ///
        /// Default `true`.
        public var blocksEmptyDirectory: Bool
        /// Block suspends and deletes when the users in scope fall below this share (0...1) of
        /// ``SyncState/lastInScopeCount``; `nil` turns the guard off.
        ///
        /// Default `0.5`.
        public var minimumInScopeShare: Double?

        /// Creates the guards.
        /// - Parameters:
        ///   - blocksEmptyDirectory: whether an empty scope blocks suspends and deletes.
        ///   - minimumInScopeShare: the smallest share of the last run's users in scope, or `nil`.
        public init(blocksEmptyDirectory: Bool = true, minimumInScopeShare: Double? = 0.5) {
            self.blocksEmptyDirectory = blocksEmptyDirectory
            self.minimumInScopeShare = minimumInScopeShare
        }
    }

    /// Glob patterns (`*`, `?`) on the email; matching accounts are never updated, suspended or deleted.
    ///
    /// Matching is case-insensitive (`*@ops.example.com`, `admin-*@example.com`).
    public var protectedEmails: [String]
    /// Protect accounts the provider reports as administrators or owners (``ProviderAccount/isAdmin``).
    ///
    /// Default `true`.
    public var protectsAdministrators: Bool
    /// Role names or ids that protect an account (compared case-insensitively with
    /// ``ProviderAccount/roles``).
    ///
    /// Default `["owner"]`.
    public var protectedRoles: [String]
    /// What happens to unmanaged accounts.
    ///
    /// Default ``UnmanagedAccounts/leave``.
    public var unmanagedAccounts: UnmanagedAccounts
    /// How leavers are deprovisioned.
    ///
    /// Default ``Deprovisioning/suspend``.
    public var deprovisioning: Deprovisioning
    /// What happens to a leaver's pending invitation.
    ///
    /// Default ``PendingInvitations/keep``; a
    /// ``Deprovisioning/delete`` policy withdraws them whatever this says.
    public var pendingInvitations: PendingInvitations = .keep
    /// Limit on creates.
    ///
    /// Default unlimited.
    public var createThreshold: Threshold
    /// Limit on suspends.
    ///
    /// Default 100 or 10% of the current accounts.
    public var suspendThreshold: Threshold
    /// Limit on deletes.
    ///
    /// Default 50 or 5% of the current accounts.
    public var deleteThreshold: Threshold
    /// Guards on the directory read.
    public var guards: Guards

    /// Creates a policy; every argument defaults to the cautious value described on the type.
    public init(
        protectedEmails: [String] = [],
        protectsAdministrators: Bool = true,
        protectedRoles: [String] = ["owner"],
        unmanagedAccounts: UnmanagedAccounts = .leave,
        deprovisioning: Deprovisioning = .suspend,
        createThreshold: Threshold = .unlimited,
        suspendThreshold: Threshold = Threshold(maxCount: 100, maxShare: 0.10),
        deleteThreshold: Threshold = Threshold(maxCount: 50, maxShare: 0.05),
        guards: Guards = Guards()
    ) {
        self.protectedEmails = protectedEmails
        self.protectsAdministrators = protectsAdministrators
        self.protectedRoles = protectedRoles
        self.unmanagedAccounts = unmanagedAccounts
        self.deprovisioning = deprovisioning
        self.createThreshold = createThreshold
        self.suspendThreshold = suspendThreshold
        self.deleteThreshold = deleteThreshold
        self.guards = guards
    }

    /// The cautious defaults.
    public static let `default` = PlanningPolicy()
}
