import Synchronization

/// A flag a signal handler sets to stop an apply between changes: changes in flight finish and are recorded,
/// no new change starts, and the actions not started are reported as skipped.
public final class ApplyInterruption: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Creates an unset flag.
    public init() {}

    /// Asks the apply to stop after the changes in flight.
    public func interrupt() { flag.store(true, ordering: .relaxed) }

    /// Whether ``interrupt()`` was called.
    public var isInterrupted: Bool { flag.load(ordering: .relaxed) }
}
