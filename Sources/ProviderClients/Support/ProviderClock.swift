/// The time source of a client: sleeping for backoff and rate limits, and reading "now" for token expiry.
///
/// Built from any `Clock<Duration>`, so tests inject a clock that returns from `sleep` at once and only
/// advances its own time.
struct ProviderClock: Sendable {
    /// Sleeps for a duration (cancellable).
    let sleep: @Sendable (Duration) async throws -> Void
    /// Time elapsed since the clock was made.
    let now: @Sendable () -> Duration

    init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let start = clock.now
        self.sleep = { duration in
            if duration > .zero { try await clock.sleep(for: duration) }
        }
        self.now = { start.duration(to: clock.now) }
    }
}
