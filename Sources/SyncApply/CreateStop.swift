import Logging
import OrganizerSyncCore
import Synchronization

/// Stops a target's creates for the rest of a run once the provider refuses one as throttled beyond the
/// retry budget, such as Zoom's daily cap on `POST /users` with `action=create` (50, 1,500 or 10,000 a day by
/// plan).
///
/// The remaining creates are skipped with the reason (exit 6) and planned again by the next run;
/// none is sent into the same limit.
final class CreateStop: Sendable {
    private let state = Mutex<String?>(nil)

    /// Why creates stopped, or `nil` while they go on.
    var reason: String? { state.withLock { $0 } }

    /// Stops the target's creates; logged once.
    func stop(because error: ProviderError, target: String, logger: Logger) {
        let first = state.withLock { reason -> Bool in
            guard reason == nil else { return false }
            var text = "creates for target \(target) stopped: the provider refused a create as rate limited"
            if let wait = error.retryAfter { text += " (it asked to wait \(wait.components.seconds) s)" }
            reason = text + "; left for the next run"
            return true
        }
        if first {
            logger.error(
                "provider create limit reached; the target's remaining creates are left for the next run",
                metadata: ["target.name": "\(target)", "error": "\(error)"]
            )
        }
    }
}
