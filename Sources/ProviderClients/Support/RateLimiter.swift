/// The client-side request budget of one target, shared by every task using the target.
///
/// Each request reserves the next free slot (one every `1/requestsPerSecond`, with a small burst allowance
/// after idle time) and sleeps until it. A 429 pauses the whole target, not just the request that saw it,
/// so a storm of concurrent changes backs off together instead of hammering the provider.
actor RateLimiter {
    private let interval: Duration
    private let burstAllowance: Duration
    private var nextFree: Duration = .zero
    private var pausedUntil: Duration = .zero
    private let clock: ProviderClock

    init(_ limit: ProviderConfiguration.RateLimit, clock: ProviderClock) {
        let perSecond = max(limit.requestsPerSecond, 0.001)
        self.interval = .nanoseconds(Int64(1_000_000_000 / perSecond))
        self.burstAllowance = interval * (limit.burst - 1)
        self.clock = clock
    }

    /// Reserves a slot; returns how long the caller must wait before sending.
    func reserve() -> Duration {
        let now = clock.now()
        let earliest = max(now - burstAllowance, pausedUntil)
        let slot = max(nextFree, earliest)
        nextFree = slot + interval
        return max(slot - now, .zero)
    }

    /// Stops new requests from starting until `duration` from now.
    func pause(for duration: Duration) {
        let until = clock.now() + duration
        if until > pausedUntil { pausedUntil = until }
        if nextFree < pausedUntil { nextFree = pausedUntil }
    }

    /// Waits for a slot.
    nonisolated func acquire() async throws {
        let wait = await reserve()
        try await clock.sleep(wait)
    }
}
