/// What a change does to an account (the `action` key of intent and outcome records).
public enum AuditAction: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// An account is created.
    case create
    /// Fields of an account are changed.
    case update
    /// An account is suspended.
    case suspend
    /// A suspended account is made active again.
    case reactivate
    /// An account is deleted.
    case delete

    public var description: String { rawValue }
}
