import Foundation
import NIOHTTP1
import OrganizerSyncCore

/// How long a throttled provider asks us to wait, read the way each one signals it.
enum RetryAfter {
    /// What a 429 (or Webex 423) answer says about waiting.
    enum Signal: Equatable {
        /// Wait this long, then retry.
        case wait(Duration)
        /// The provider gave no hint: back off exponentially.
        case backoff
        /// A daily quota is spent; waiting in-process is pointless (Zoom `X-RateLimit-Type: Daily-limit`
        /// without a usable `Retry-After`).
        case exhausted
    }

    /// Reads the throttle signal of an answer.
    /// - Parameters:
    ///   - headers: the answer's headers.
    ///   - provider: who answered (each provider signals throttling its own way).
    ///   - message: the answer's error message: Zoom names a per-operation daily cap only there.
    ///   - now: the wall-clock time, to turn a Zoom timestamp into a wait.
    /// - Returns: how long to wait, or that the client should back off or give up for the day.
    static func signal(
        _ headers: HTTPHeaders,
        provider: ProviderKind,
        message: String? = nil,
        now: Date = Date()
    ) -> Signal {
        let header = headers.first(name: "Retry-After")?.trimmingCharacters(in: .whitespaces)
        switch provider {
        case .goto:
            // GoTo documents neither Retry-After nor rate-limit headers: exponential backoff.
            if let header, let wait = seconds(header) { return .wait(wait) }
            return .backoff
        case .zoom:
            // Zoom's daily limit answers `Retry-After: 2025-08-23T00:00:00Z`, an ISO-8601 timestamp, not
            // seconds; per-second (QPS) limits may carry none.
            if let header, let wait = parse(header, now: now) { return .wait(wait) }
            // A daily cap of the operation's own (creating users, meetings) comes without either header, its
            // message naming the daily rate limit (RateCategoryQuota).
            let type = headers.first(name: "X-RateLimit-Type")?.lowercased() ?? ""
            return type.contains("daily") || saysDailyLimit(message) ? .exhausted : .backoff
        case .webex:
            // Webex sends seconds on 429 and 423; its SDK never waits under one second.
            if let header, let wait = parse(header, now: now) { return .wait(max(wait, .seconds(1))) }
            return .backoff
        }
    }

    /// Whether a Zoom 429's message says a daily limit is reached.
    ///
    /// Both of Zoom's wordings name it: "You have reached the maximum
    /// daily rate limit for this API…" (a label's limit) and "You have exceeded the daily rate limit (100) of
    /// Meeting Create/Update API requests…" (an operation's own cap; developer forum, thread 18928).
    static func saysDailyLimit(_ message: String?) -> Bool {
        message?.lowercased().contains("daily rate limit") ?? false
    }

    /// The longest wait any answer can ask for: one year.
    ///
    /// Longer values (`1e300`, `9223372036854775807`)
    /// are cut to it, which is far above any retry budget, so the call fails as throttled instead of waiting.
    static let longest = Duration.seconds(365 * 86_400)

    /// A number of seconds as a wait, without traps: `nan`, `inf` and other non-numbers give `nil` (the
    /// header is ignored), negative values zero, huge values ``longest``.
    static func seconds(_ value: String) -> Duration? {
        guard let seconds = Double(value), seconds.isFinite else { return nil }
        return duration(seconds: seconds)
    }

    /// A finite number of seconds as a duration between zero and ``longest``.
    static func duration(seconds: Double) -> Duration {
        let limit = Double(longest.components.seconds)
        return .milliseconds(Int64((min(max(seconds, 0), limit) * 1000).rounded()))
    }

    /// Seconds, an ISO-8601 timestamp, or an HTTP date, as a wait from `now` (never negative, at most
    /// ``longest``); `nil` for anything else, `nan` and `inf` included.
    static func parse(_ value: String, now: Date) -> Duration? {
        if Double(value) != nil { return seconds(value) }
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        var date = iso.date(from: value)
        if date == nil {
            iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            date = iso.date(from: value)
        }
        if date == nil {
            let http = DateFormatter()
            http.locale = Locale(identifier: "en_US_POSIX")
            http.timeZone = TimeZone(identifier: "GMT")
            http.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            date = http.date(from: value)
        }
        guard let date else { return nil }
        let interval = date.timeIntervalSince(now)
        return interval.isFinite ? duration(seconds: interval) : nil
    }
}
