public import OrganizerSyncCore

/// Everything a provider client needs to reach one target: where, with which credentials, how fast.
///
/// The command line builds it from one entry of the YAML configuration's `targets:` list. Credentials are
/// ``SecretReference``s, read only when a token is needed, and never logged or put in an error.
public struct ProviderConfiguration: Sendable {
    /// The target's name in the configuration (`zoom-prod`); shows in logs and errors.
    public var targetName: String
    /// Which provider the target is.
    public var kind: ProviderKind
    /// The API host, without a path: `https://api.getgo.com`, `https://api.zoom.us`, `https://webexapis.com`.
    ///
    /// The clients append the real paths (`/admin/rest/v1`, `/v2`, `/v1`).
    public var apiBaseURL: String
    /// The OAuth host, without a path: `https://authentication.logmeininc.com` (GoTo), `https://zoom.us`
    /// (Zoom), `https://webexapis.com` (Webex).
    public var authBaseURL: String
    /// How the client obtains access tokens.
    public var credentials: ProviderCredentials
    /// The client-side request budget; ``RateLimit/default(for:)`` follows the documented limits.
    public var rateLimit: RateLimit
    /// How long one HTTP request may take before it counts as timed out.
    public var requestTimeout: Duration
    /// Retries and backoff for 429, 5xx and transport failures.
    public var retry: RetryPolicy
    /// Page size for listing: GoTo `pageSize`, Zoom `page_size`, Webex `max`.
    ///
    /// `nil` uses the provider default
    /// (GoTo 1000, Zoom 300, Webex 1000; a provider caps larger values itself).
    public var pageSize: Int?
    /// GoTo only: the account key.
    ///
    /// `nil` reads it from `GET /admin/rest/v1/me`, because the new token host
    /// no longer returns `account_key` in the token answer.
    public var gotoAccountKey: String?
    /// Zoom only: the `action` of `POST /users` (`create`, `autoCreate`, `custCreate`, `ssoCreate`).
    public var zoomCreateAction: String
    /// Zoom only: the user `type` used on create when the mapping gives none (`2`, Licensed: organizers host).
    public var zoomDefaultUserType: Int
    /// Bounds on every listing: page cap and wall-clock deadline (see ``ListingLimits``).
    public var listing: ListingLimits
    /// Whether `http://` API and OAuth URLs are allowed (the simulator on loopback).
    ///
    /// Off by default: a
    /// plain-HTTP URL is refused before anything is sent, because tokens and secrets would travel in clear.
    public var allowInsecureHTTP: Bool
    /// Asked before each listing page: `true` stops the listing with an error (a signal arrived during an
    /// apply, whose handler only sets a flag).
    public var stopRequested: (@Sendable () -> Bool)?
    /// Called with every new refresh token a provider issues (GoTo, Webex rotate them), so that a state
    /// store can persist it.
    ///
    /// The client keeps the newest in memory either way.
    public var refreshTokenDidRotate: (@Sendable (_ targetName: String, _ refreshToken: Secret) -> Void)?

    /// Creates a configuration; every field but the name, kind and credentials has a default.
    public init(
        targetName: String,
        kind: ProviderKind,
        credentials: ProviderCredentials,
        apiBaseURL: String? = nil,
        authBaseURL: String? = nil,
        rateLimit: RateLimit? = nil,
        requestTimeout: Duration = .seconds(30),
        retry: RetryPolicy = RetryPolicy(),
        pageSize: Int? = nil,
        gotoAccountKey: String? = nil,
        zoomCreateAction: String = "create",
        zoomDefaultUserType: Int = 2,
        listing: ListingLimits = ListingLimits(),
        allowInsecureHTTP: Bool = false,
        refreshTokenDidRotate: (@Sendable (_ targetName: String, _ refreshToken: Secret) -> Void)? = nil
    ) {
        self.targetName = targetName
        self.kind = kind
        self.credentials = credentials
        self.apiBaseURL = Self.trimmed(apiBaseURL ?? Self.defaultAPIBaseURL(for: kind))
        self.authBaseURL = Self.trimmed(authBaseURL ?? Self.defaultAuthBaseURL(for: kind))
        self.rateLimit = rateLimit ?? .default(for: kind)
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.pageSize = pageSize
        self.gotoAccountKey = gotoAccountKey
        self.zoomCreateAction = zoomCreateAction
        self.zoomDefaultUserType = zoomDefaultUserType
        self.listing = listing
        self.allowInsecureHTTP = allowInsecureHTTP
        self.refreshTokenDidRotate = refreshTokenDidRotate
    }

    /// The real API host of a provider.
    public static func defaultAPIBaseURL(for kind: ProviderKind) -> String {
        switch kind {
        case .goto: "https://api.getgo.com"
        case .zoom: "https://api.zoom.us"
        case .webex: "https://webexapis.com"
        }
    }

    /// The real OAuth host of a provider.
    ///
    /// GoTo's old `api.getgo.com/oauth/v2` host was decommissioned on
    /// 2025-09-30, so GoTo uses `authentication.logmeininc.com`.
    public static func defaultAuthBaseURL(for kind: ProviderKind) -> String {
        switch kind {
        case .goto: "https://authentication.logmeininc.com"
        case .zoom: "https://zoom.us"
        case .webex: "https://webexapis.com"
        }
    }

    private static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}

extension ProviderConfiguration {
    /// A client-side request budget per target, enforced by an actor before each API request.
    public struct RateLimit: Sendable, Hashable {
        /// Sustained requests per second.
        public var requestsPerSecond: Double
        /// How many requests may go at once after an idle spell.
        public var burst: Int

        /// Creates a budget.
        public init(requestsPerSecond: Double, burst: Int = 1) {
            self.requestsPerSecond = requestsPerSecond
            self.burst = max(1, burst)
        }

        /// The documented limits: GoTo 10/s per API; Zoom 20/s (Pro plan, "Medium" class of `GET /users`;
        /// limits are per account and shared by every app, so stay at the lowest class we call); Webex does
        /// not publish People limits, so 10/s, and its 429 `Retry-After` steers from there.
        public static func `default`(for kind: ProviderKind) -> RateLimit {
            switch kind {
            case .goto: RateLimit(requestsPerSecond: 10, burst: 5)
            case .zoom: RateLimit(requestsPerSecond: 20, burst: 10)
            case .webex: RateLimit(requestsPerSecond: 10, burst: 5)
            }
        }
    }

    /// Retries and backoff.
    public struct RetryPolicy: Sendable, Hashable {
        /// How many times one request is retried after a 429, a 5xx or a transport failure.
        public var maxRetries: Int
        /// The first backoff; each retry doubles it, with jitter (a random 50–100 % of the value).
        public var initialBackoff: Duration
        /// The longest backoff.
        public var maxBackoff: Duration
        /// The longest `Retry-After` honoured; a longer one (a Zoom daily limit) fails with `rateLimited`.
        public var maxRetryAfter: Duration
        /// Webex sends no `Retry-After` on some 429s; its SDK waits 15 s then, and so do we.
        public var defaultRetryAfter: Duration
        /// The longest time spent retrying one call (backoffs and throttle pauses together); a retry that
        /// would end later fails the call at once, naming the last failure.
        ///
        /// Default 20 s.
        public var maxRetryDuration: Duration

        /// Creates a policy.
        public init(
            maxRetries: Int = 5,
            initialBackoff: Duration = .milliseconds(500),
            maxBackoff: Duration = .seconds(30),
            maxRetryAfter: Duration = .seconds(300),
            defaultRetryAfter: Duration = .seconds(15),
            maxRetryDuration: Duration = .seconds(20)
        ) {
            self.maxRetries = maxRetries
            self.initialBackoff = initialBackoff
            self.maxBackoff = maxBackoff
            self.maxRetryAfter = maxRetryAfter
            self.defaultRetryAfter = defaultRetryAfter
            self.maxRetryDuration = maxRetryDuration
        }
    }
}
