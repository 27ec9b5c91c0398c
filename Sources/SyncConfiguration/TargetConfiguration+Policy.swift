extension TargetConfiguration {
    /// A target's safety policy as the configuration file writes it (the `policy:` key), in provider-neutral
    /// terms; the command line turns it into the planner's policy.
    ///
    /// `nil` or absent values mean "the planner's cautious default": administrators and owners protected,
    /// unmanaged accounts left alone, leavers suspended, at most 100 suspends or 10% of the accounts, at most
    /// 50 deletes or 5%, no limit on creates, and an empty or halved scope blocking every suspend and delete.
    public struct Policy: Sendable, Hashable {
        /// What happens to accounts no directory user maps to and organizer-sync never managed.
        public enum Unmanaged: String, Sendable, Hashable, CaseIterable {
            /// Left alone and reported (the default).
            case leave
            /// Suspended.
            case suspend
            /// Deleted.
            case delete
        }

        /// How a leaver's account is deprovisioned.
        public enum Deprovisioning: Sendable, Hashable {
            /// Suspended and kept (the default).
            case suspend
            /// Deleted at once.
            case delete
            /// Suspended, then deleted once it has been suspended for this many days.
            case suspendThenDelete(afterDays: Int)
        }

        /// What happens to a leaver's invitation that was never accepted (a pending Zoom user), which cannot be
        /// suspended.
        public enum PendingInvitations: String, Sendable, Hashable, CaseIterable {
            /// Kept as it is (the default): `deprovision: suspend` deletes nothing, invitations included.
            case keep
            /// Withdrawn: the plan shows a "withdraw invitation" action.
            case withdraw
        }

        /// A limit on actions of one kind.
        ///
        /// A threshold written in the file replaces the default one whole: `{count: 10}` limits by count only.
        public struct Threshold: Sendable, Hashable {
            /// The largest number of actions, or `nil` for no limit by count.
            public var count: Int?
            /// The largest share (0...1) of the target's current accounts, or `nil` for no limit by share.
            public var share: Double?

            /// Creates a threshold.
            /// - Parameters:
            ///   - count: the largest number of actions, or `nil`.
            ///   - share: the largest share of the current accounts, or `nil`.
            public init(count: Int? = nil, share: Double? = nil) {
                self.count = count
                self.share = share
            }
        }

        /// Glob patterns (`*`, `?`) on the email of accounts that are never changed.
        public var protectedEmails: [String]
        /// Whether provider administrators are protected (`protect_admins`, default `true`).
        public var protectsAdministrators: Bool
        /// Role names or ids that protect an account; `nil` means the default (`owner`).
        public var protectedRoles: [String]?
        /// What happens to unmanaged accounts.
        public var unmanaged: Unmanaged
        /// How leavers are deprovisioned.
        public var deprovisioning: Deprovisioning
        /// What happens to a leaver's pending invitation (`pending_invitations`, default `keep`).
        public var pendingInvitations: PendingInvitations = .keep
        /// The limit on creates; `nil` means the default (none).
        public var maxCreates: Threshold?
        /// The limit on suspends; `nil` means the default.
        public var maxSuspends: Threshold?
        /// The limit on deletes; `nil` means the default.
        public var maxDeletes: Threshold?
        /// Whether an empty scope blocks suspends and deletes; `nil` means the default (`true`).
        public var blocksEmptyDirectory: Bool?
        /// The smallest share (0...1) of the last run's users in scope below which suspends and deletes are
        /// blocked; `nil` means the default (0.5), `0` turns the guard off.
        public var minimumInScopeShare: Double?

        /// Creates a policy; every argument defaults to the planner's default.
        public init(
            protectedEmails: [String] = [],
            protectsAdministrators: Bool = true,
            protectedRoles: [String]? = nil,
            unmanaged: Unmanaged = .leave,
            deprovisioning: Deprovisioning = .suspend,
            maxCreates: Threshold? = nil,
            maxSuspends: Threshold? = nil,
            maxDeletes: Threshold? = nil,
            blocksEmptyDirectory: Bool? = nil,
            minimumInScopeShare: Double? = nil
        ) {
            self.protectedEmails = protectedEmails
            self.protectsAdministrators = protectsAdministrators
            self.protectedRoles = protectedRoles
            self.unmanaged = unmanaged
            self.deprovisioning = deprovisioning
            self.maxCreates = maxCreates
            self.maxSuspends = maxSuspends
            self.maxDeletes = maxDeletes
            self.blocksEmptyDirectory = blocksEmptyDirectory
            self.minimumInScopeShare = minimumInScopeShare
        }
    }
}
