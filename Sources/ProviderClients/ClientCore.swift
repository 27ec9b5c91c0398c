import Logging
import OrganizerSyncCore

/// What every provider client shares: the configuration, the HTTP pipeline with its token cache, the
/// lost-create recovery, and the statistics.
struct ClientCore: Sendable {
    let configuration: ProviderConfiguration
    let http: ProviderHTTP
    let logger: Logger

    init(configuration: ProviderConfiguration, transport: any HTTPTransport, clock: ProviderClock, logger: Logger) {
        var logger = logger
        logger[metadataKey: "provider.name"] = "\(configuration.kind)"
        logger[metadataKey: "provider.target"] = "\(configuration.targetName)"
        var http = ProviderHTTP(
            provider: configuration.kind,
            targetName: configuration.targetName,
            transport: transport,
            limiter: RateLimiter(configuration.rateLimit, clock: clock),
            clock: clock,
            retry: configuration.retry,
            timeout: configuration.requestTimeout,
            allowInsecureHTTP: configuration.allowInsecureHTTP,
            logger: logger,
            tokens: nil,
            counters: RequestCounters()
        )
        let oauth = OAuthClient(
            http: http,
            authBaseURL: configuration.authBaseURL,
            credentials: configuration.credentials
        )
        let target = configuration.targetName
        var onRotation: (@Sendable (Secret) -> Void)?
        if let report = configuration.refreshTokenDidRotate {
            onRotation = { token in report(target, token) }
        }
        let fetch: AccessTokenCache.Fetch = { refreshToken in try await oauth.fetch(refreshToken: refreshToken) }
        var persist: (@Sendable (Secret) throws -> Void)?
        switch configuration.credentials {
        case .gotoRefreshToken(_, _, let reference), .webexRefreshToken(_, _, let reference):
            let file = RefreshTokenFile(provider: configuration.kind, reference: reference)
            persist = { token in try file.save(token) }
        case .gotoPersonalAccessToken, .zoomServerToServer, .webexServiceApp:
            persist = nil
        }
        http.tokens = AccessTokenCache(
            initialRefreshToken: nil,
            clock: clock,
            logger: logger,
            onRotation: onRotation,
            persist: persist,
            fetch: fetch
        )
        self.configuration = configuration
        self.http = http
        self.logger = logger
        if configuration.allowInsecureHTTP,
            URLOrigin.isInsecure(configuration.apiBaseURL) || URLOrigin.isInsecure(configuration.authBaseURL)
        {
            // Said on every run, so an insecure setting meant for the simulator is not forgotten in production.
            logger.warning(
                "allow_insecure_http is on: tokens and secrets for this target travel over plain http://",
                metadata: ["provider.host": "\(URLOrigin.hostAndPort(of: configuration.apiBaseURL) ?? "?")"]
            )
        }
    }

    var provider: ProviderKind { configuration.kind }
    var apiBaseURL: String { configuration.apiBaseURL }

    /// Creates an account without ever creating it twice.
    ///
    /// When the create's answer was lost (timeout, reset, 5xx: the provider may have made the account),
    /// the account is looked up by email first and only created again if it is not there. A conflict
    /// (the email is taken) returns the existing account, as GoTo's own create does.
    func createWithoutDuplicates(
        email: String,
        create: () async throws -> ProviderAccount,
        lookup: () async throws -> ProviderAccount?
    ) async throws -> ProviderAccount {
        var attempt = 0
        while true {
            do {
                return try await create()
            } catch let error as ProviderError where error.isOutcomeUnknown || error.code == .conflict {
                logger.warning(
                    "create did not complete cleanly; looking the account up before going on",
                    metadata: ["error": "\(error)"]
                )
                http.counters.recordUncertainCreate()
                if let existing = try await lookup() { return existing }
                if error.code == .conflict { throw error }
                attempt += 1
                if attempt > configuration.retry.maxRetries { throw error }
                try await http.backOff(attempt, reason: "create outcome unknown", logger: logger)
            }
        }
    }

    /// Sends a delete, taking "not found" as done: the account is gone either way (a retried delete
    /// whose first answer was lost sees 404).
    func deleteTolerantly(_ request: APIRequest) async throws {
        do {
            _ = try await http.send(request)
        } catch let error as ProviderError where error.code == .notFound {
            logger.info("account already gone", metadata: ["provider.operation": "\(request.operation)"])
        }
    }

    /// The request statistics so far.
    var statistics: ProviderStatistics {
        let snapshot = http.counters.snapshot
        return ProviderStatistics(
            requests: snapshot.requests,
            retries: snapshot.retries,
            throttled: snapshot.throttled,
            uncertainCreates: snapshot.uncertainCreates
        )
    }
}
