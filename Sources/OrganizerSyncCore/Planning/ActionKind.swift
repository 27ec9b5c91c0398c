/// What a planned action does to an account.
public enum ActionKind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Create an account for a directory user who has none.
    case create
    /// Change fields of an existing account (only the fields that differ).
    case update
    /// Suspend an account (keep it, stop it hosting).
    case suspend
    /// Make a suspended account active again.
    case reactivate
    /// Delete an account.
    case delete
    /// Withdraw an invitation the user never accepted (a pending Zoom user): the provider removes it and nothing
    /// that was ever used is lost. Planned for a leaver only when the target's `pending_invitations` is
    /// `withdraw` (or its deprovisioning is `delete`), and when a pending invitation's email changed.
    case withdrawInvitation = "withdraw_invitation"

    /// The words for people: "withdraw invitation" rather than the raw value's underscore.
    public var description: String { self == .withdrawInvitation ? "withdraw invitation" : rawValue }
}
