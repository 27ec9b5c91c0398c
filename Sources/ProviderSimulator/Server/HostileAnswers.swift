import Foundation

/// Makes the answers of ``HostileKnobs``: listings that loop, never end, lie about their totals or
/// leave the host; 429s with absurd `Retry-After` values; token endpoints that redirect or throttle; bodies
/// that are not JSON.
///
/// Made-up accounts are `hostile<N>@example.com`.
enum HostileAnswers {
    /// The header that marks a hostile answer.
    static let header = "X-Simulator-Hostile"

    /// The hostile answer to `request`, or `nil` when the request is to be handled normally.
    static func answer(_ request: SimulatorRequest, state: inout SimulatorState, baseURL: String) -> SimulatorResponse?
    {
        let knobs = state.knobs.hostile
        guard let provider = request.provider else { return nil }
        if knobs.gotoLicenceAssignIsNoOp, provider == .goto, request.method == "POST",
            request.segments.count == 8, request.segments[5] == "licenses", request.segments[7] == "users"
        {
            return marked(.empty(204), "gotoLicenceAssignIsNoOp")
        }
        if provider == .zoom, let cap = knobs.zoomCreateDailyCap, let refusal = chargeZoomCreate(request, cap, &state) {
            return refusal
        }
        guard let answer = knobs.answer else { return nil }
        let isToken = isTokenCall(request, provider)
        let response: SimulatorResponse?
        switch answer {
        case .tokenRedirect:
            response = isToken ? redirect(knobs.foreignOrigin + request.path) : nil
        case .tokenThrottled:
            let refused = state.log.filter { $0.fault == "hostile-\(answer.rawValue)" }.count
            response =
                isToken && refused < knobs.tokenThrottleCount
                ? SimulatorResponse(
                    status: 429,
                    headers: [
                        ("Content-Type", "application/json"), ("Retry-After", String(knobs.tokenRetryAfterSeconds)),
                    ],
                    body: Array(#"{"error":"too_many_requests"}"#.utf8)
                ) : nil
        case .retryAfterInfinite, .retryAfterNaN, .retryAfterHuge, .retryAfterInt64Max:
            response = isToken ? nil : throttled(answer)
        default:
            response =
                isListing(request, provider) ? HostilePages.answer(answer, request, provider, knobs, baseURL) : nil
        }
        return response.map { marked($0, answer.rawValue) }
    }

    /// Counts a Zoom `POST /users` with `action=create` against the day's cap; past it, a 429 the way Zoom
    /// answers an operation's own daily cap.
    ///
    /// The spec documents the cap but not its answer. Zoom's answer to another per-operation daily cap (creating
    /// meetings; developer forum, thread 18928) is a 429 whose message names the daily rate limit and the time it
    /// resets, with the label in `X-RateLimit-Category` but no `X-RateLimit-Type` and no `Retry-After`: the
    /// Light label itself is not spent. The message here follows that one.
    private static func chargeZoomCreate(
        _ request: SimulatorRequest,
        _ cap: Int,
        _ state: inout SimulatorState
    ) -> SimulatorResponse? {
        guard request.method == "POST", request.segments == ["v2", "users"],
            request.json?["action"]?.stringValue == "create"
        else { return nil }
        let day = Int(Date().timeIntervalSince1970 / 86_400)
        if state.zoomCreates.day != day { state.zoomCreates = (day, 0) }
        guard state.zoomCreates.count < cap else {
            var refusal = ProviderErrors.zoom(
                429,
                code: 429,
                "You have exceeded the daily rate limit (\(cap)) of User Create API requests permitted for this "
                    + "account. You may resume these requests at GMT 00:00:00."
            )
            refusal.headers.append(
                ("X-RateLimit-Category", ZoomAPI.rateLimitCategory(request) ?? ZoomRateLimits.light)
            )
            return refusal
        }
        state.zoomCreates.count += 1
        return nil
    }

    /// Adds the marking header.
    static func marked(_ response: SimulatorResponse, _ name: String) -> SimulatorResponse {
        var response = response
        response.headers.append((header, name))
        return response
    }

    private static func isTokenCall(_ request: SimulatorRequest, _ provider: SimulatorProvider) -> Bool {
        switch provider {
        case .goto, .zoom: request.segments == ["oauth", "token"]
        case .webex:
            request.segments == ["v1", "access_token"]
                || (request.segments.count == 4 && request.segments[1] == "applications")
        }
    }

    private static func isListing(_ request: SimulatorRequest, _ provider: SimulatorProvider) -> Bool {
        guard request.method == "GET" else { return false }
        switch provider {
        case .goto:
            return request.segments.count == 6 && request.segments[5] == "users" && request.query["filter"] == nil
        case .zoom:
            return request.segments == ["v2", "users"]
        case .webex:
            return request.segments == ["v1", "people"] && request.query["email"] == nil && request.query["id"] == nil
        }
    }

    private static func redirect(_ location: String) -> SimulatorResponse {
        SimulatorResponse(status: 307, headers: [("Location", location)])
    }

    private static func throttled(_ answer: HostileKnobs.Answer) -> SimulatorResponse {
        let value =
            switch answer {
            case .retryAfterInfinite: "inf"
            case .retryAfterNaN: "nan"
            case .retryAfterHuge: "1e300"
            default: "9223372036854775807"
            }
        return SimulatorResponse(
            status: 429,
            headers: [("Content-Type", "application/json"), ("Retry-After", value)],
            body: Array(#"{"code":429,"message":"Too many requests."}"#.utf8)
        )
    }
}
