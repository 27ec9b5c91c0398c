import Synchronization

/// A clock whose `sleep` returns at once, advancing only its own time and recording every wait.
final class TestClock: Clock, Sendable {
    typealias Instant = ContinuousClock.Instant
    typealias Duration = Swift.Duration

    private struct State {
        var offset: Duration = .zero
        var sleeps: [Duration] = []
    }

    private let base = ContinuousClock.now
    private let state = Mutex(State())

    var now: Instant { base.advanced(by: state.withLock { $0.offset }) }
    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        state.withLock { state in
            let wait = base.duration(to: deadline) - state.offset
            if wait > .zero {
                state.sleeps.append(wait)
                state.offset += wait
            }
        }
        try Task.checkCancellation()
        await Task.yield()
    }

    /// Moves time forward without a sleep (to expire a token).
    func advance(by duration: Duration) { state.withLock { $0.offset += duration } }

    /// Every wait requested so far.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }
}
