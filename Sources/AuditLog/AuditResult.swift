/// How a change or a run ended (the `result` key).
///
/// An outcome record uses ``succeeded``, ``failed`` or ``skipped``; a run-end record uses ``succeeded``,
/// ``partial``, ``failed``, ``interrupted`` or ``blocked``.
public enum AuditResult: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// The change was made / every change of the run succeeded.
    case succeeded
    /// The change failed / the run failed as a whole.
    case failed
    /// The change was not attempted (for example its precondition no longer held).
    case skipped
    /// The run finished, but some changes failed or were skipped.
    case partial
    /// The run was stopped before it finished.
    case interrupted
    /// The run changed nothing because a threshold or guard tripped (reconcile, or apply's second check).
    case blocked

    public var description: String { rawValue }
}
