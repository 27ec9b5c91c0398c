public import OrganizerSyncCore
import SyncPlanning

/// What happened to one planned action.
public struct ActionResult: Sendable, Hashable {
    /// How the action ended.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// The provider made the change.
        case succeeded
        /// The provider refused or the call failed; the account is as the provider left it.
        case failed
        /// Not tried: the account changed since the plan, an earlier action on it failed, or the run was
        /// interrupted.
        case skipped
        /// Not tried again: an earlier run of this plan made the change (applying a plan twice is harmless).
        case alreadyApplied = "already_applied"
    }

    /// The target's name.
    public var target: String
    /// The action's position in the target plan's `actions`.
    public var index: Int
    /// What the action does.
    public var kind: ActionKind
    /// The email the action addresses.
    public var email: String
    /// How it ended.
    public var status: Status
    /// Why it failed or was skipped; `nil` when it succeeded.
    public var reason: String?
    /// The provider error's code, when it failed.
    public var errorCode: String?

    /// Creates a result.
    public init(
        target: String,
        index: Int,
        kind: ActionKind,
        email: String,
        status: Status,
        reason: String? = nil,
        errorCode: String? = nil
    ) {
        self.target = target
        self.index = index
        self.kind = kind
        self.email = email
        self.status = status
        self.reason = reason
        self.errorCode = errorCode
    }
}
