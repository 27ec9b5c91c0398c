import Logging
import OrganizerSyncCore

/// Holds one target's access token: fetched on first use, renewed shortly before it expires, and renewed
/// once more when the API answers 401 (a token revoked or expired early).
///
/// Concurrent callers share one renewal. A rotated refresh token is saved through `persist` (see
/// ``RefreshTokenFile``) before the access token that came with it is handed out, then replaces the one in
/// memory and is reported through `onRotation`. When it cannot be saved the renewal fails and the new access
/// token is not used.
actor AccessTokenCache {
    /// Asks the token endpoint for a token; gets the newest refresh token, if the grant uses one.
    typealias Fetch = @Sendable (_ refreshToken: Secret?) async throws -> TokenGrant

    private let fetch: Fetch
    private let clock: ProviderClock
    private let onRotation: (@Sendable (Secret) -> Void)?
    private let persist: (@Sendable (Secret) throws -> Void)?
    private let logger: Logger
    private var token: Secret?
    private var expiresAt: Duration = .zero
    private var refreshToken: Secret?
    private var renewal: Task<Secret, any Error>?

    init(
        initialRefreshToken: Secret?,
        clock: ProviderClock,
        logger: Logger,
        onRotation: (@Sendable (Secret) -> Void)?,
        persist: (@Sendable (Secret) throws -> Void)? = nil,
        fetch: @escaping Fetch
    ) {
        self.persist = persist
        self.refreshToken = initialRefreshToken
        self.clock = clock
        self.logger = logger
        self.onRotation = onRotation
        self.fetch = fetch
    }

    /// A token valid for at least the renewal margin.
    func validToken() async throws -> Secret {
        if let token, clock.now() < expiresAt { return token }
        return try await renew()
    }

    /// Drops `rejected` if it is still the current token (the API answered 401 to it), so the next
    /// ``validToken()`` fetches a new one; a token already replaced by another task is left alone.
    func invalidate(_ rejected: Secret) {
        if token == rejected {
            token = nil
            expiresAt = .zero
        }
    }

    /// The newest refresh token known.
    func currentRefreshToken() -> Secret? { refreshToken }

    private func renew() async throws -> Secret {
        if let renewal { return try await renewal.value }
        // The task inherits this actor's isolation, so `store` runs on the actor once the fetch returns.
        let task = Task { [fetch, refreshToken] () throws -> Secret in
            let grant = try await fetch(refreshToken)
            try self.store(grant)
            return grant.accessToken
        }
        renewal = task
        defer { renewal = nil }
        return try await task.value
    }

    private func store(_ grant: TokenGrant) throws {
        if let rotated = grant.refreshToken, rotated != refreshToken {
            // Saved first: the provider may already have invalidated the old refresh token.
            try persist?(rotated)
            refreshToken = rotated
            logger.info("refresh token rotated and saved")
            onRotation?(rotated)
        }
        let lifetime = Duration.seconds(grant.expiresIn ?? 3600)
        // Renew a minute early, or at 90 % of a short lifetime, so a token never expires mid-request.
        let margin = min(Duration.seconds(60), lifetime / 10)
        token = grant.accessToken
        expiresAt = clock.now() + lifetime - margin
        logger.debug("access token renewed", metadata: ["token.lifetime_seconds": "\(grant.expiresIn ?? 3600)"])
    }
}
