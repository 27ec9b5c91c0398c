import Synchronization

/// Request statistics of one client: how many requests went out, how many were retries, how often the
/// provider throttled.
///
/// Read by benchmarks and tests.
final class RequestCounters: Sendable {
    /// A snapshot of the counters.
    struct Snapshot: Sendable, Equatable {
        var requests = 0
        var retries = 0
        var throttled = 0
        var backoffs = 0
        var uncertainCreates = 0
    }

    private let state = Mutex(Snapshot())

    func recordRequest(isRetry: Bool) {
        state.withLock {
            $0.requests += 1
            if isRetry { $0.retries += 1 }
        }
    }

    func recordThrottle() { state.withLock { $0.throttled += 1 } }
    func recordUncertainCreate() { state.withLock { $0.uncertainCreates += 1 } }
    func recordRetryWait() { state.withLock { $0.backoffs += 1 } }
    var snapshot: Snapshot { state.withLock { $0 } }
}
