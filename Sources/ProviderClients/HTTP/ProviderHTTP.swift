import Foundation
import Logging
import NIOHTTP1
import OrganizerSyncCore

/// Sends a target's API requests: rate limit, bearer token, retries with backoff, error decoding.
///
/// Retried: 429 (and Webex 423) as the provider signals; 5xx, timeouts and resets for idempotent requests
/// only; connection failures before sending, always. A 401 renews the token once. A non-idempotent request
/// whose answer was lost throws with ``ProviderError/isOutcomeUnknown`` set, so the caller can check
/// what happened before trying again.
struct ProviderHTTP: Sendable {
    let provider: ProviderKind
    let targetName: String
    let transport: any HTTPTransport
    let limiter: RateLimiter
    let clock: ProviderClock
    let retry: ProviderConfiguration.RetryPolicy
    let timeout: Duration
    /// Whether `http://` URLs may be used (``ProviderConfiguration/allowInsecureHTTP``).
    let allowInsecureHTTP: Bool
    let logger: Logger
    /// The bearer token source; set once the grant is known.
    var tokens: AccessTokenCache?
    /// Counts requests and retries for benchmarks and tests.
    let counters: RequestCounters
    /// Zoom: which rate-limit labels have their daily limit spent.
    let categories = RateCategoryQuota()

    /// Sends a request until it succeeds or fails for good.
    ///
    /// Every retry is logged at info with its reason; the time spent on one call (backoffs and throttle
    /// pauses included) stays within ``ProviderConfiguration/RetryPolicy/maxRetryDuration``. A redirect is
    /// never followed, and an `http://` URL is refused unless the target allows insecure HTTP.
    /// - Returns: the 2xx answer.
    /// - Throws: ``ProviderError``.
    func send(_ request: APIRequest) async throws -> TransportResponse {
        var attempt = 0
        var renewedAfter401 = false
        var logger = self.logger
        logger[metadataKey: "provider.operation"] = "\(request.operation)"
        let started = clock.now()
        try refuseInsecure(request)
        while true {
            try Task.checkCancellation()
            if provider == .zoom, let spent = await categories.spentLabel(of: request.operation, now: Date()) {
                throw dailyLimitSpent(spent, request: request)
            }
            if request.isRateLimited { try await limiter.acquire() }
            var outgoing = TransportRequest(
                method: request.method,
                url: request.url,
                headers: request.headers,
                body: request.body
            )
            var token: Secret?
            if case .bearer = request.authentication, let tokens {
                let current = try await tokens.validToken()
                outgoing.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(current.value)")
                token = current
            }
            counters.recordRequest(isRetry: attempt > 0 || renewedAfter401)
            let response: TransportResponse
            do {
                response = try await transport.send(outgoing, timeout: timeout)
            } catch let error as TransportError {
                let failure = connectionFailure(error, request: request)
                // The transport's own words (SwiftNIO's errors name addresses and errno, never request data).
                logger.debug("no answer", metadata: ["transport.error": "\(error.summary)"])
                if failure.isOutcomeUnknown || attempt >= retry.maxRetries { throw failure }
                attempt += 1
                var retryLogger = logger
                retryLogger[metadataKey: "http.url"] = "\(failure.url ?? "-")"
                try await backOff(
                    attempt,
                    reason: error.cause.rawValue,
                    logger: retryLogger,
                    started: started,
                    failure: failure
                )
                continue
            }

            // The error message, read once for a throttled answer (a Zoom daily cap is named only there).
            let throttleMessage =
                response.status == 429 ? ErrorBody.parse(response, provider: provider).message : nil
            if provider == .zoom {
                await categories.note(
                    operation: request.operation,
                    status: response.status,
                    headers: response.headers,
                    message: throttleMessage,
                    now: Date()
                )
            }
            switch response.status {
            case 200..<300:
                return response
            case 300..<400:
                // Redirects are off in the transport; following one could carry a bearer token, a client
                // secret or a refresh token to another origin.
                var failure = error(for: response, request: request)
                failure.code = .refusedURL
                let location = response.headers.first(name: "Location").flatMap { URLOrigin.hostAndPort(of: $0) }
                failure.reason = "redirect refused" + (location.map { " (to \($0))" } ?? "")
                throw failure
            case 401 where token != nil && !renewedAfter401:
                logger.info("access token rejected, renewing once")
                if let token { await tokens?.invalidate(token) }
                renewedAfter401 = true
            case 423 where provider == .webex, 429:
                let signal = RetryAfter.signal(response.headers, provider: provider, message: throttleMessage)
                let wait: Duration
                switch signal {
                case .wait(let duration): wait = duration
                case .backoff: wait = backoffDelay(attempt + 1)
                case .exhausted: wait = RetryAfter.longest
                }
                var failure = error(for: response, request: request)
                failure.retryAfter = signal == .exhausted ? nil : wait
                if attempt >= retry.maxRetries || wait > retry.maxRetryAfter {
                    throw failure
                }
                try checkBudget(wait, started: started, attempt: attempt, failure: failure)
                attempt += 1
                counters.recordThrottle()
                logger.notice(
                    "throttled by provider, pausing the target",
                    metadata: [
                        "http.status": "\(response.status)", "retry.delay_ms": "\(wait.milliseconds)",
                        "ratelimit.category": "\(response.headers.first(name: "X-RateLimit-Category") ?? "-")",
                    ]
                )
                if request.isRateLimited {
                    await limiter.pause(for: wait)
                } else {
                    // Token endpoints sit outside the target's request budget: wait here instead.
                    try await clock.sleep(wait)
                }
            case 500..<600:
                var failure = error(for: response, request: request)
                if !request.isIdempotent {
                    failure.isOutcomeUnknown = true
                    throw failure
                }
                if attempt >= retry.maxRetries { throw failure }
                attempt += 1
                try await backOff(
                    attempt,
                    reason: "HTTP \(response.status)",
                    logger: logger,
                    started: started,
                    failure: failure
                )
            default:
                throw error(for: response, request: request)
            }
        }
    }

    /// The ``ProviderError`` for a request that got no answer: what failed (refused, DNS, TLS, timeout), what to
    /// check, and the URL without its query.
    func connectionFailure(_ error: TransportError, request: APIRequest) -> ProviderError {
        let cause = error.cause
        let urlKey: String
        if case .bearer = request.authentication { urlKey = "api_base_url" } else { urlKey = "auth_base_url" }
        var failure = ProviderError(
            error.kind == .timedOut ? .timedOut : .connectionFailed,
            provider: provider,
            operation: request.operation,
            isOutcomeUnknown: error.kind != .connectFailed && !request.isIdempotent,
            reason: "\(cause.rawValue): \(cause.advice(urlKey: urlKey))",
            host: URLOrigin.hostAndPort(of: request.url),
            underlyingError: error
        )
        failure.url = UnknownEndpoint.redacted(request.url)
        return failure
    }

    /// Refuses an `http://` URL unless the target allows insecure HTTP.
    func refuseInsecure(_ request: APIRequest) throws {
        guard !allowInsecureHTTP, URLOrigin.isInsecure(request.url) else { return }
        throw ProviderError(
            .refusedURL,
            provider: provider,
            operation: request.operation,
            reason: "http:// URL refused; set allow_insecure_http: true on the target to allow it",
            host: URLOrigin.hostAndPort(of: request.url)
        )
    }

    /// Throws `failure`, marked as out of retry budget, when waiting `wait` more would end after the call's
    /// retry budget.
    func checkBudget(_ wait: Duration, started: Duration, attempt: Int, failure: ProviderError) throws {
        let spent = clock.now() - started
        guard spent + wait > retry.maxRetryDuration else { return }
        var failure = failure
        let note =
            "gave up after \(attempt + 1) attempts in \(spent.wholeSeconds) s "
            + "(retry budget \(retry.maxRetryDuration.wholeSeconds) s)"
        failure.reason = failure.reason.map { $0 + "; " + note } ?? note
        throw failure
    }

    /// Sends a request and decodes its JSON answer.
    func send<T: Decodable>(_ request: APIRequest, decoding type: T.Type) async throws -> T {
        let response = try await send(request)
        return try JSONCoding.decode(type, from: response.body, provider: provider, operation: request.operation)
    }

    /// The ``ProviderError`` for a non-2xx answer, with the provider's code and tracking id.
    func error(for response: TransportResponse, request: APIRequest) -> ProviderError {
        let body = ErrorBody.parse(response, provider: provider)
        let code: ProviderError.Code =
            switch response.status {
            case 400, 422: .invalidRequest
            case 401: .unauthorized
            case 403: .forbidden
            case 404: .notFound
            case 409: .conflict
            case 423, 429: .rateLimited
            case 500..<600: .serverError
            default: .unexpectedStatus
            }
        var failure = ProviderError(
            code,
            provider: provider,
            operation: request.operation,
            httpStatus: response.status,
            providerCode: body.providerCode,
            trackingID: body.trackingID,
            detail: body.message
        )
        if let why = UnknownEndpoint.reason(
            status: response.status,
            providerCode: body.providerCode,
            provider: provider,
            request: request
        ) {
            failure.code = .unknownEndpoint
            failure.reason = "\(why): \(request.method) \(UnknownEndpoint.redacted(request.url))"
        }
        return failure
    }

    /// Exponential backoff with jitter: a random 50–100 % of `initial * 2^(attempt-1)`, capped.
    func backoffDelay(_ attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 20)
        let base = min(retry.initialBackoff * (1 << exponent), retry.maxBackoff)
        return .nanoseconds(Int64(Double(base.nanoseconds) * Double.random(in: 0.5...1.0)))
    }

    /// Waits before a retry, the way ``backoffDelay(_:)`` says, unless that would overrun the call's retry
    /// budget (then `failure` is thrown).
    ///
    /// Logged at info, so an admin sees a provider being retried.
    func backOff(
        _ attempt: Int,
        reason: String,
        logger: Logger,
        started: Duration? = nil,
        failure: ProviderError? = nil
    ) async throws {
        let delay = backoffDelay(attempt)
        if let started, let failure { try checkBudget(delay, started: started, attempt: attempt - 1, failure: failure) }
        counters.recordRetryWait()
        logger.info(
            "request failed, retrying",
            metadata: [
                "retry.reason": "\(reason)", "retry.attempt": "\(attempt)", "retry.delay_ms": "\(delay.milliseconds)",
            ]
        )
        try await clock.sleep(delay)
    }
}
