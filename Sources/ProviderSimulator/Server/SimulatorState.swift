import Foundation

/// Everything the simulator holds: accounts, licences, issued tokens, knobs, the fault generator and the log.
///
/// Lives inside a `Mutex` in ``SimulatorStore``; every API handler runs on it synchronously.
struct SimulatorState: Sendable {
    struct IssuedToken: Sendable {
        var provider: SimulatorProvider
        var expires: Date
        var scopes: [String]
    }

    struct ZoomPageCursor: Sendable {
        var status: SimulatedAccount.Status
        var pageSize: Int
        var lastSeq: Int
        var pageNumber: Int
        var expires: Date
    }

    struct RateBucket: Sendable {
        var tokens: Double
        var updated: Date
    }

    static let requestLogCapacity = 200_000

    var seed: SimulatorSeed
    var knobs: SimulatorKnobs
    var random: SimulatorRandom
    var tables: [SimulatorProvider: AccountTable] = [:]
    var licenses: [SimulatorProvider: [SimulatedLicense]] = [:]
    var tokens: [String: IssuedToken] = [:]
    var refreshTokens: [SimulatorProvider: Set<String>] = [:]
    var zoomPageTokens: [String: ZoomPageCursor] = [:]
    /// Zoom: when each user's email was changed (Zoom allows three changes in 24 hours).
    var zoomEmailChanges: [String: [Date]] = [:]
    var log: [LoggedRequest] = []
    /// Token buckets per provider, and for Zoom per provider and rate-limit label (`zoom/Light`).
    var buckets: [String: RateBucket] = [:]
    /// Requests on the current UTC day per bucket key: (day number since 1970, count).
    var dailyUsage: [String: (day: Int, count: Int)] = [:]
    /// Zoom `POST /users` with `action=create` on the current UTC day (``HostileKnobs/zoomCreateDailyCap``).
    var zoomCreates: (day: Int, count: Int) = (0, 0)
    var baseURL = ""

    init(seed: SimulatorSeed, knobs: SimulatorKnobs) {
        self.seed = seed
        self.knobs = knobs
        self.random = SimulatorRandom(seed: knobs.seed)
        reset(seed: seed)
    }

    /// Restores accounts, licences and credentials from `seed`; forgets tokens, page tokens and the log.
    mutating func reset(seed: SimulatorSeed) {
        self.seed = seed
        random = SimulatorRandom(seed: knobs.seed)
        tokens = [:]
        zoomPageTokens = [:]
        zoomEmailChanges = [:]
        log = []
        buckets = [:]
        dailyUsage = [:]
        zoomCreates = (0, 0)
        for provider in SimulatorProvider.allCases {
            tables[provider] = AccountTable(accounts: seed[provider].accounts)
            licenses[provider] = seed[provider].licenses
            refreshTokens[provider] = Set(seed[provider].refreshTokens)
        }
    }

    /// Issues an access token for `provider` that lives as long as the provider's knob says.
    mutating func issueToken(
        for provider: SimulatorProvider,
        scopes: [String],
        now: Date
    ) -> (token: String, lifetime: Int) {
        let lifetime = knobs[provider].tokenLifetimeSeconds
        let token = "\(provider.rawValue)-at-" + random.token(length: 40)
        tokens[token] = IssuedToken(
            provider: provider,
            expires: now.addingTimeInterval(Double(lifetime)),
            scopes: scopes
        )
        return (token, lifetime)
    }

    /// The refresh token a `refresh_token` grant answers: `used` itself, or, with the provider's
    /// ``ProviderKnobs/rotateRefreshTokens`` knob, a new one (`goto-rt-…`, `webex-rt-…`) while `used` stops working.
    mutating func rotateRefreshToken(_ used: String, provider: SimulatorProvider) -> String {
        guard knobs[provider].rotateRefreshTokens else { return used }
        let next = "\(provider.rawValue)-rt-" + random.token(length: 40)
        refreshTokens[provider]?.remove(used)
        refreshTokens[provider]?.insert(next)
        return next
    }

    /// Makes every issued access token expire now.
    mutating func expireAllTokens(now: Date) {
        for key in tokens.keys { tokens[key]?.expires = now }
    }

    /// Runs `body` on the state when the request's token is valid and holds one of `scopes`; otherwise
    /// answers with the provider's refusal.
    static func guarded(
        _ request: SimulatorRequest,
        _ provider: SimulatorProvider,
        _ scopes: [String],
        _ state: inout SimulatorState,
        _ now: Date,
        _ body: (inout SimulatorState) -> SimulatorResponse
    ) -> SimulatorResponse {
        if let refusal = state.authorize(request, provider: provider, anyOf: scopes, now: now) { return refusal }
        return body(&state)
    }

    /// Checks the bearer token and its scopes.
    /// - Parameters:
    ///   - request: The request, with its `Authorization` header.
    ///   - provider: The provider the endpoint belongs to (a token of another provider is refused).
    ///   - scopes: The endpoint's scopes; holding one of them is enough (Zoom accepts the classic macro scope or
    ///     the granular one).
    ///   - now: The simulator's clock, for the token's expiry.
    /// - Returns: nil when authorised, else the provider's refusal.
    func authorize(
        _ request: SimulatorRequest,
        provider: SimulatorProvider,
        anyOf scopes: [String],
        now: Date
    ) -> SimulatorResponse? {
        guard let bearer = request.bearerToken, let token = tokens[bearer], token.provider == provider else {
            return ProviderErrors.unauthorized(provider: provider, expired: false, trackingId: request.trackingId)
        }
        if token.expires <= now {
            return ProviderErrors.unauthorized(provider: provider, expired: true, trackingId: request.trackingId)
        }
        if !scopes.isEmpty, !scopes.contains(where: token.scopes.contains) {
            return ProviderErrors.missingScope(provider: provider, scope: scopes[0], trackingId: request.trackingId)
        }
        return nil
    }

    /// The largest page size honoured for `provider`.
    func maxPageSize(_ provider: SimulatorProvider) -> Int {
        knobs[provider].maxPageSize ?? (provider == .zoom ? 2000 : 1000)
    }

    /// Appends to the request log, dropping the oldest half when it is full.
    mutating func record(_ entry: LoggedRequest) {
        if log.count >= Self.requestLogCapacity { log.removeFirst(Self.requestLogCapacity / 2) }
        log.append(entry)
    }

    /// A new id in the provider's format that no account holds yet.
    mutating func newAccountId(_ provider: SimulatorProvider) -> String {
        while true {
            let id = SimulatorIdentifiers.accountId(for: provider, random: &random)
            if tables[provider]?.account(id: id) == nil { return id }
        }
    }

    /// The current time as ISO 8601 without fractions.
    static func timestamp(_ date: Date) -> String {
        date.ISO8601Format()
    }
}
