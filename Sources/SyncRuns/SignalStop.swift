import Foundation
import Logging
import SyncApply
import UnixSignals

/// SIGINT and SIGTERM (Ctrl-C, `systemctl stop`) stop an apply between changes rather than in the middle of one.
///
/// While it listens, the two signals' default actions are off and each one received sets the run's
/// ``ApplyInterruption``; ``cancel()`` gives them their default action back.
struct SignalStop: Sendable {
    private let listener: Task<Void, Never>

    /// Starts listening (swift-service-lifecycle's `UnixSignalsSequence`); returns once the handlers are in place.
    static func start(interruption: ApplyInterruption, logger: Logger) async -> SignalStop {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        let listener = Task {
            for await _ in signals {
                logger.warning("signal received: finishing the changes in flight, starting no new one")
                interruption.interrupt()
            }
        }
        return SignalStop(listener: listener)
    }

    /// Stops listening and gives the signals their default action back.
    func cancel() {
        listener.cancel()
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
