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

    public var description: String { rawValue }
}
