import Foundation
import Synchronization
import UnixSignals

/// What tells a run to stop: SIGINT and SIGTERM sent to the process (``signals``, what the commands use), or a
/// ``StopTrigger`` of the caller's own, so that a test calling the run library in process stops a run without
/// sending a signal to the whole test process (where other tests' runs would hear it too).
///
/// ``ListingInterruption`` and ``ApplyRun`` listen to one while they run.
public struct StopRequests: Sendable {
    /// Starts listening; returns the requests as they come, each named (`SIGINT`), ending when the listener is
    /// cancelled.
    let listen: @Sendable () async -> AsyncStream<String>
    /// Gives the process the default action of each signal back: after a first request (so that a second signal
    /// ends the process) and when the run stops listening.
    let restoreDefaults: @Sendable () -> Void

    /// SIGINT and SIGTERM, through swift-service-lifecycle's `UnixSignalsSequence`; while listening, their default
    /// actions are off.
    public static let signals = StopRequests(
        listen: {
            signal(SIGINT, SIG_IGN)
            signal(SIGTERM, SIG_IGN)
            let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
            let (requests, continuation) = AsyncStream.makeStream(of: String.self)
            let relay = Task {
                for await caught in signals { continuation.yield("\(caught)") }
                continuation.finish()
            }
            continuation.onTermination = { _ in relay.cancel() }
            return requests
        },
        restoreDefaults: {
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
    )
}

/// A stop request made by a call rather than a signal, for callers of the run library that are not a command
/// (tests): ``stop(_:)`` reaches every run listening to ``requests`` now, and every run that starts listening
/// later.
public final class StopTrigger: Sendable {
    /// The name of the request made, if any, and the listeners to tell.
    private let state = Mutex<(stopped: String?, listeners: [Int: AsyncStream<String>.Continuation], next: Int)>(
        (nil, [:], 0)
    )

    /// A trigger not pulled yet.
    public init() {}

    /// The requests to hand a run (``ListingInterruption/run(_:stops:logger:_:)``, ``ApplyRun``, ``ReconcileRun``).
    public var requests: StopRequests {
        StopRequests(
            listen: { [self] in
                let (requests, continuation) = AsyncStream.makeStream(of: String.self)
                let key = state.withLock { state in
                    if let name = state.stopped { continuation.yield(name) }
                    state.next += 1
                    state.listeners[state.next] = continuation
                    return state.next
                }
                continuation.onTermination = { [self] _ in _ = state.withLock { $0.listeners.removeValue(forKey: key) }
                }
                return requests
            },
            restoreDefaults: {}
        )
    }

    /// Asks every run listening, now or later, to stop, as the signal `name` would.
    public func stop(_ name: String = "SIGTERM") {
        let listeners = state.withLock { state in
            state.stopped = state.stopped ?? name
            return Array(state.listeners.values)
        }
        for listener in listeners { listener.yield(name) }
    }
}
