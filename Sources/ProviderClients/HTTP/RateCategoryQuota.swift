import Foundation
import NIOHTTP1
import OrganizerSyncCore

/// Zoom's daily limits per rate-limit label, as the answers report them, so that a spent label is not called
/// again until Zoom says it resets, while the other labels go on (listing is Medium, single-user calls Light).
///
/// Zoom names an operation's label in `X-RateLimit-Category` and, under a daily limit, counts it down in
/// `X-RateLimit-Remaining` (PROVIDER-APIS.md 2.4; live answers in Zoom's developer forum show both on
/// successful calls). A 429 with `X-RateLimit-Type: Daily-limit` or a count of 0 marks the label spent until
/// the answer's `Retry-After` (an ISO-8601 time), or else the next midnight UTC, when Zoom's days start.
///
/// Some operations also have a daily cap of their own (`POST /users` with `action=create`: 50, 1,500 or 10,000 a
/// day by plan, `zoom-users.json`). Zoom answers such a cap with a 429 whose message names the daily rate limit
/// while the label's headers say nothing is spent (no `X-RateLimit-Type`, `X-RateLimit-Remaining` above 0; a
/// live answer in Zoom's developer forum, thread 18928). That stops only the operation until the next midnight
/// UTC ("You may resume these requests at GMT 00:00:00"): a day's last create must not hold back the day's
/// suspensions, which share the Light label.
actor RateCategoryQuota {
    /// A spent label, or an operation whose own daily cap is spent.
    struct Spent: Sendable, Equatable {
        /// The label (`Light`, `Medium`, …) or, for an operation's own cap, the operation.
        var category: String
        var until: Date
        var limit: String?
        /// Whether ``category`` is an operation with a daily cap of its own, not a label.
        var isOperationCap = false
    }

    /// The labels the spec gives the operations the client calls, until an answer names one.
    private static let specLabels = ["users.list": "Medium", "users.summary": "Medium"]

    private var labelOfOperation: [String: String] = [:]
    private var spent: [String: Spent] = [:]
    /// Operations whose own daily cap is spent, by operation.
    private var spentOperations: [String: Spent] = [:]

    /// What stops `operation` at `now`: its own spent daily cap, or its label's spent daily limit.
    func spentLabel(of operation: String, now: Date) -> Spent? {
        if let entry = spentOperations[operation] {
            if entry.until > now { return entry }
            spentOperations[operation] = nil
        }
        let label = labelOfOperation[operation] ?? Self.specLabels[operation] ?? "Light"
        guard let entry = spent[label.lowercased()] else { return nil }
        if entry.until <= now {
            spent[label.lowercased()] = nil
            return nil
        }
        return entry
    }

    /// Learns from an answer: the operation's label, and whether the label's daily limit, or the operation's own
    /// daily cap, is spent.
    /// - Parameters:
    ///   - operation: the operation answered.
    ///   - status: the answer's status.
    ///   - headers: the answer's headers.
    ///   - message: the error message of a 429 (``RetryAfter/saysDailyLimit(_:)`` reads it).
    ///   - now: the wall-clock time.
    func note(operation: String, status: Int, headers: HTTPHeaders, message: String?, now: Date) {
        let daily = status == 429 && headers.first(name: "X-RateLimit-Type")?.lowercased() == "daily-limit"
        let remaining = headers.first(name: "X-RateLimit-Remaining").flatMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        if status == 429, !daily, remaining != 0, RetryAfter.saysDailyLimit(message) {
            spentOperations[operation] = Spent(
                category: operation,
                until: Self.nextMidnightUTC(after: now),
                limit: nil,
                isOperationCap: true
            )
        }
        guard let label = headers.first(name: "X-RateLimit-Category"), !label.isEmpty, label.count <= 64 else {
            return
        }
        labelOfOperation[operation] = label
        guard daily || remaining == 0 else { return }
        var until = Self.nextMidnightUTC(after: now)
        if let header = headers.first(name: "Retry-After"), let wait = RetryAfter.parse(header, now: now) {
            let (seconds, attoseconds) = wait.components
            let end = now.timeIntervalSince1970 + Double(seconds) + Double(attoseconds) / 1e18
            until = Date(timeIntervalSince1970: end.rounded())
        }
        let limit = headers.first(name: "X-RateLimit-Limit").flatMap { Int($0) }.map(String.init)
        spent[label.lowercased()] = Spent(category: label, until: until, limit: limit)
    }

    /// The start of the next UTC day.
    static func nextMidnightUTC(after now: Date) -> Date {
        let day = (now.timeIntervalSince1970 / 86_400).rounded(.down)
        return Date(timeIntervalSince1970: (day + 1) * 86_400)
    }
}

extension ProviderHTTP {
    /// The error for a call not sent because its Zoom rate-limit label has no requests left today.
    func dailyLimitSpent(_ spent: RateCategoryQuota.Spent, request: APIRequest) -> ProviderError {
        let limit = spent.limit.map { " (X-RateLimit-Limit \($0))" } ?? ""
        let what =
            spent.isOperationCap
            ? "Zoom's daily cap of \(spent.category) is spent"
            : "the daily limit of Zoom's \(spent.category) rate-limit category is spent\(limit)"
        return ProviderError(
            .rateLimited,
            provider: provider,
            operation: request.operation,
            reason: "not sent: \(what); it resets at \(spent.until.ISO8601Format())"
        )
    }
}
