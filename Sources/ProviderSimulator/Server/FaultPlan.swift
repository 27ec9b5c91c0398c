import Foundation

/// What the simulator does to one request besides answering it: throttle it, delay it, or break its answer.
struct FaultPlan: Sendable {
    enum Kind: Sendable {
        case error(Int)
        case drop
        case hang
    }

    /// Answer this instead of handling the request (429 or Webex 423).
    var rejection: SimulatorResponse?
    /// A fault to inject, before or after the request takes effect.
    var kind: Kind?
    /// Whether ``kind`` strikes after the request took effect.
    var isAfter = false
    /// Added latency.
    var latencyMilliseconds = 0
    /// Headers added to the answer (Zoom's daily counters of the operation's rate-limit label).
    var headers: [(String, String)] = []

    /// The name recorded in the request log.
    var name: String? {
        if let rejection { return rejection.status == 423 ? "locked" : "throttled" }
        guard let kind else { return nil }
        let when = isAfter ? "after" : "before"
        return switch kind {
        case .error: "error-\(when)"
        case .drop: "drop-\(when)"
        case .hang: "hang-\(when)"
        }
    }
}

extension SimulatorState {
    /// Draws the faults of one request from the seeded generator and charges the provider's rate limit.
    /// - Parameters:
    ///   - provider: the provider the request is for.
    ///   - trackingId: the request's tracking id, echoed in a faulted answer.
    ///   - now: the simulator's clock.
    ///   - category: Zoom's rate-limit label of the operation (`Light`, `Medium`, …): Zoom counts each label on
    ///     its own, per second and per day, and names it in its 429s.
    /// - Returns: the faults to inject into this request's answer (none, latency, an error, a 429).
    mutating func planFaults(
        provider: SimulatorProvider,
        trackingId: String,
        now: Date,
        category: String? = ZoomRateLimits.light
    ) -> FaultPlan {
        let knobs = self.knobs[provider]
        var plan = FaultPlan(latencyMilliseconds: max(0, knobs.latencyMilliseconds))
        let limited = provider != .zoom || category != nil
        let category = category ?? ZoomRateLimits.light
        let limit = provider == .zoom ? knobs.categoryLimits[category] : nil
        let key = provider == .zoom ? "zoom/\(category)" : provider.rawValue
        if limited, let rps = limit?.requestsPerSecond ?? knobs.requestsPerSecond, rps > 0 {
            let capacity = max(1, rps)
            var bucket = buckets[key] ?? RateBucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + now.timeIntervalSince(bucket.updated) * rps)
            bucket.updated = now
            if bucket.tokens < 1 {
                buckets[key] = bucket
                plan.rejection = throttled(provider: provider, trackingId: trackingId, category: category)
                return plan
            }
            bucket.tokens -= 1
            buckets[key] = bucket
        }
        if provider == .zoom, limited, let daily = limit?.dailyLimit ?? knobs.dailyLimit {
            let day = Int(now.timeIntervalSince1970 / 86_400)
            var usage = dailyUsage[key] ?? (day, 0)
            if usage.day != day { usage = (day, 0) }
            usage.count += 1
            dailyUsage[key] = usage
            if usage.count > daily {
                plan.rejection = zoomDailyLimit(limit: daily, day: day, category: category)
                return plan
            }
            // Answers under a daily limit show the label's count (seen on live answers, devforum thread 59670).
            plan.headers = [
                ("X-RateLimit-Category", category), ("X-RateLimit-Limit", String(daily)),
                ("X-RateLimit-Remaining", String(daily - usage.count)),
            ]
        }
        if provider == .webex, random.chance(knobs.lockedRate) {
            var locked = ProviderErrors.webex(423, "Resource is locked; retry later.", trackingId: trackingId)
            locked.headers.append(("Retry-After", String(knobs.retryAfterSeconds)))
            plan.rejection = locked
            return plan
        }
        let draw = random.unit()
        if draw < knobs.errorRate {
            plan.kind = .error([500, 502, 503][Int(random.next() % 3)])
        } else if draw < knobs.errorRate + knobs.dropRate {
            plan.kind = .drop
        } else if draw < knobs.errorRate + knobs.dropRate + knobs.hangRate {
            plan.kind = .hang
        }
        if plan.kind != nil { plan.isAfter = random.chance(knobs.faultAfterFraction) }
        return plan
    }

    /// Zoom's daily-limit 429: `X-RateLimit-Type: Daily-limit` and `Retry-After` = the next midnight UTC.
    func zoomDailyLimit(limit: Int, day: Int, category: String) -> SimulatorResponse {
        var response = ProviderErrors.zoom(
            429,
            code: 429,
            "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request."
        )
        response.headers += [
            ("Retry-After", Self.timestamp(Date(timeIntervalSince1970: Double(day + 1) * 86_400))),
            ("X-RateLimit-Category", category),
            ("X-RateLimit-Type", "Daily-limit"),
            ("X-RateLimit-Limit", String(limit)),
            ("X-RateLimit-Remaining", "0"),
        ]
        return response
    }

    /// A per-second 429 the provider's way: Zoom names the operation's rate-limit category and
    /// `X-RateLimit-Type: QPS` and nothing else (`X-RateLimit-Limit`, `-Remaining` and the ISO-8601 `Retry-After`
    /// come with daily limits only, PROVIDER-APIS.md 2.4), Webex sends `Retry-After` in seconds, GoTo no header.
    func throttled(provider: SimulatorProvider, trackingId: String, category: String) -> SimulatorResponse {
        let wait = knobs[provider].retryAfterSeconds
        switch provider {
        case .zoom:
            var response = ProviderErrors.zoom(
                429,
                code: 429,
                "You have reached the maximum per-second rate limit for this API. Try again later."
            )
            response.headers += [("X-RateLimit-Category", category), ("X-RateLimit-Type", "QPS")]
            return response
        case .webex:
            var response = ProviderErrors.webex(429, "Too Many Requests", trackingId: trackingId)
            response.headers.append(("Retry-After", String(wait)))
            return response
        case .goto:
            return ProviderErrors.goto(
                429,
                code: "too.many.requests",
                value: "Rate limit exceeded",
                incidentId: trackingId
            )
        }
    }
}
