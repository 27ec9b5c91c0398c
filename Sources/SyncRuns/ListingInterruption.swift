import Foundation
public import Logging
import SyncApply
import Synchronization

/// SIGINT and SIGTERM (Ctrl-C, `systemctl stop`) during a command that only reads (`plan`, `explain`,
/// `accounts`, the planning half of `reconcile`): the reading stops at once and nothing is written.
///
/// The work runs in its own task; the first signal cancels it, which ends a provider listing at its next
/// page or in the middle of its request (AsyncHTTPClient cancels the request, rate-limit and backoff sleeps
/// end). The work's error then becomes ``RunError`` `interrupted` (exit 6), so the caller writes no plan,
/// state or output. A second signal ends the process at once (the default action is back after the first).
public enum ListingInterruption {
    /// Runs `body`; a SIGINT or SIGTERM meanwhile cancels it.
    /// - Parameters:
    ///   - command: the command's name, for the message (`plan`, `accounts`).
    ///   - stops: what asks the reading to stop: the process's SIGINT and SIGTERM unless told.
    ///   - logger: the signal is logged as a warning.
    ///   - body: the reading to run.
    /// - Returns: what `body` returned, when no signal came.
    /// - Throws: ``RunError`` `interrupted` when a signal came (even if `body` finished meanwhile: its result
    ///   is not used); otherwise what `body` threw.
    public static func run<T: Sendable>(
        _ command: String,
        stops: StopRequests = .signals,
        logger: Logger,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let received = SignalName()
        let signals = await stops.listen()
        defer { stops.restoreDefaults() }
        let work = Task { try await body() }
        let listener = Task {
            for await caught in signals {
                received.set(caught)
                // A second signal ends the process by its default action.
                stops.restoreDefaults()
                logger.warning("\(caught) received: \(command) stops reading and writes nothing")
                work.cancel()
                return
            }
        }
        defer { listener.cancel() }
        let result = await withTaskCancellationHandler {
            await work.result
        } onCancel: {
            work.cancel()
        }
        if let name = received.value {
            throw RunError(
                .interrupted,
                "\(command) stopped by \(name) while reading the directory or listing a provider; nothing was written"
            )
        }
        return try result.get()
    }
}

/// The name of the signal received, set once by the listener task and read after the work ended.
private final class SignalName: Sendable {
    private let name = Mutex<String?>(nil)

    func set(_ value: String) { name.withLock { $0 = $0 ?? value } }

    var value: String? { name.withLock { $0 } }
}
