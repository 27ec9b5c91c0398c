import Foundation
import Logging
import SyncApply

/// SIGINT and SIGTERM (Ctrl-C, `systemctl stop`), or another ``StopRequests``, stop an apply between changes rather
/// than in the middle of one.
///
/// While it listens, the two signals' default actions are off and each one received sets the run's
/// ``ApplyInterruption``; ``cancel()`` gives them their default action back.
struct SignalStop: Sendable {
    private let listener: Task<Void, Never>
    private let stops: StopRequests

    /// Starts listening to `stops`; returns once the handlers are in place.
    static func start(interruption: ApplyInterruption, stops: StopRequests, logger: Logger) async -> SignalStop {
        let signals = await stops.listen()
        let listener = Task {
            for await _ in signals {
                logger.warning("signal received: finishing the changes in flight, starting no new one")
                interruption.interrupt()
            }
        }
        return SignalStop(listener: listener, stops: stops)
    }

    /// Stops listening and gives the signals their default action back.
    func cancel() {
        listener.cancel()
        stops.restoreDefaults()
    }
}
