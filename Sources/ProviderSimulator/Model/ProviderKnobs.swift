/// Behaviour knobs for one provider: throttling, injected faults, latency and lifetimes.
///
/// Faults (``errorRate``, ``dropRate``, ``hangRate``) are drawn per request from the simulator's seeded generator.
/// A share ``faultAfterFraction`` of them strikes after the request took effect (an account is created, but the
/// answer is lost); the rest strike before (nothing happened). Admin endpoints are never faulted.
public struct ProviderKnobs: Sendable, Codable, Equatable {
    /// Sustained requests per second before answering 429 the provider's way; nil means unlimited.
    public var requestsPerSecond: Double?
    /// Probability of answering 500, 502 or 503 (in the provider's error format).
    public var errorRate: Double
    /// Latency added to every request, in milliseconds.
    public var latencyMilliseconds: Int
    /// Probability of closing the connection without answering.
    public var dropRate: Double
    /// Probability of never answering (the request hangs until the client gives up).
    public var hangRate: Double
    /// Lifetime of issued access tokens in seconds (`expires_in`).
    public var tokenLifetimeSeconds: Int
    /// Share of injected faults that happen after the request took effect (0 = always before, 1 = always after).
    public var faultAfterFraction: Double
    /// Zoom: lifetime of `next_page_token` in seconds (Zoom documents 15 minutes).
    public var pageTokenLifetimeSeconds: Int
    /// Largest page size honoured; nil means the provider's documented maximum (Zoom 2000, GoTo 1000, Webex 1000).
    public var maxPageSize: Int?
    /// Webex: probability of answering 423 Locked with `Retry-After`.
    public var lockedRate: Double
    /// Seconds a throttled client is told to wait (Webex `Retry-After`, Zoom's timestamp offset).
    public var retryAfterSeconds: Int
    /// Zoom: requests allowed per UTC day before 429 with `X-RateLimit-Type: Daily-limit` and a `Retry-After`
    /// of the next midnight; nil means unlimited.
    public var dailyLimit: Int?
    /// Webex: reproduce the known `Link` defect: the next URL says `max=null` and drops the other query
    /// parameters (the server then uses the default page size).
    public var linkQuirk: Bool
    /// GoTo and Webex: every `refresh_token` grant answers a new refresh token and invalidates the one used
    /// (`invalid_grant` from then on), as providers that rotate refresh tokens do.
    public var rotateRefreshTokens: Bool
    /// Zoom: limits per rate-limit label (`"Light"`, `"Medium"`, `"Heavy"`, `"Resource-intensive"`; see
    /// ``ZoomRateLimits``, ``ZoomRateLimits/free``).
    ///
    /// A label without an entry takes ``requestsPerSecond`` and
    /// ``dailyLimit``; either way every label is counted on its own.
    public var categoryLimits: [String: ZoomRateLimits.Limit] = [:]
    /// Latency added to every listing page (GoTo and Zoom `GET …/users`, Webex `GET /people` without `id` or
    /// `email`), in milliseconds, on top of ``latencyMilliseconds``: a slow listing, for tests that stop a run
    /// while it lists.
    public var listLatencyMilliseconds = 0

    /// Creates knobs; the defaults inject nothing.
    public init(
        requestsPerSecond: Double? = nil,
        errorRate: Double = 0,
        latencyMilliseconds: Int = 0,
        dropRate: Double = 0,
        hangRate: Double = 0,
        tokenLifetimeSeconds: Int = 3600,
        faultAfterFraction: Double = 0.5,
        pageTokenLifetimeSeconds: Int = 900,
        maxPageSize: Int? = nil,
        lockedRate: Double = 0,
        retryAfterSeconds: Int = 1,
        dailyLimit: Int? = nil,
        linkQuirk: Bool = false,
        rotateRefreshTokens: Bool = false
    ) {
        self.requestsPerSecond = requestsPerSecond
        self.errorRate = errorRate
        self.latencyMilliseconds = latencyMilliseconds
        self.dropRate = dropRate
        self.hangRate = hangRate
        self.tokenLifetimeSeconds = tokenLifetimeSeconds
        self.faultAfterFraction = faultAfterFraction
        self.pageTokenLifetimeSeconds = pageTokenLifetimeSeconds
        self.maxPageSize = maxPageSize
        self.lockedRate = lockedRate
        self.retryAfterSeconds = retryAfterSeconds
        self.dailyLimit = dailyLimit
        self.linkQuirk = linkQuirk
        self.rotateRefreshTokens = rotateRefreshTokens
    }

    private enum CodingKeys: String, CodingKey {
        case requestsPerSecond, errorRate, latencyMilliseconds, dropRate, hangRate, tokenLifetimeSeconds
        case faultAfterFraction, pageTokenLifetimeSeconds, maxPageSize, lockedRate, retryAfterSeconds
        case dailyLimit, linkQuirk, rotateRefreshTokens, categoryLimits, listLatencyMilliseconds
    }

    /// Decodes knobs; every key is optional and takes the default of the memberwise initialiser.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ProviderKnobs()
        self.init(
            requestsPerSecond: try c.decodeIfPresent(Double.self, forKey: .requestsPerSecond),
            errorRate: try c.decodeIfPresent(Double.self, forKey: .errorRate) ?? d.errorRate,
            latencyMilliseconds: try c.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? d.latencyMilliseconds,
            dropRate: try c.decodeIfPresent(Double.self, forKey: .dropRate) ?? d.dropRate,
            hangRate: try c.decodeIfPresent(Double.self, forKey: .hangRate) ?? d.hangRate,
            tokenLifetimeSeconds: try c.decodeIfPresent(Int.self, forKey: .tokenLifetimeSeconds)
                ?? d.tokenLifetimeSeconds,
            faultAfterFraction: try c.decodeIfPresent(Double.self, forKey: .faultAfterFraction)
                ?? d.faultAfterFraction,
            pageTokenLifetimeSeconds: try c.decodeIfPresent(Int.self, forKey: .pageTokenLifetimeSeconds)
                ?? d.pageTokenLifetimeSeconds,
            maxPageSize: try c.decodeIfPresent(Int.self, forKey: .maxPageSize),
            lockedRate: try c.decodeIfPresent(Double.self, forKey: .lockedRate) ?? d.lockedRate,
            retryAfterSeconds: try c.decodeIfPresent(Int.self, forKey: .retryAfterSeconds) ?? d.retryAfterSeconds,
            dailyLimit: try c.decodeIfPresent(Int.self, forKey: .dailyLimit),
            linkQuirk: try c.decodeIfPresent(Bool.self, forKey: .linkQuirk) ?? d.linkQuirk,
            rotateRefreshTokens: try c.decodeIfPresent(Bool.self, forKey: .rotateRefreshTokens)
                ?? d.rotateRefreshTokens
        )
        categoryLimits = try c.decodeIfPresent([String: ZoomRateLimits.Limit].self, forKey: .categoryLimits) ?? [:]
        listLatencyMilliseconds = try c.decodeIfPresent(Int.self, forKey: .listLatencyMilliseconds) ?? 0
    }
}
