/// Answers no real provider should give, for proving that the clients end every one with a clear error,
/// within their deadline, without a crash.
///
/// Every hostile exchange is marked: its log entry's `fault` is `hostile-<answer>`, and the answer carries
/// `X-Simulator-Hostile: <answer>`, so a contract check over recorded exchanges can leave them out.
public struct HostileKnobs: Sendable, Codable, Equatable {
    /// One hostile behaviour.
    public enum Answer: String, Sendable, Codable, CaseIterable {
        /// Zoom listing: `next_page_token` never changes.
        case repeatedPageToken
        /// Webex listing: `Link: rel="next"` goes round a cycle of two pages.
        case linkCycle
        /// Webex listing: the next link is the URL just requested.
        case nextIsCurrent
        /// Webex listing: the next link points to ``HostileKnobs/foreignOrigin``.
        case nextToOtherOrigin
        /// Any listing: distinct pages without end (GoTo with a total of a trillion).
        case endlessPages
        /// GoTo listing: the same first page at every offset, against a total of 5,000.
        case noProgress
        /// GoTo listing: `toIndex` is Int.max.
        case hugeToIndex
        /// GoTo and Zoom listings: one page of accounts, then the end, against a total of 5,000.
        case shortCount
        /// Every API call: 429 with `Retry-After: inf`.
        case retryAfterInfinite
        /// Every API call: 429 with `Retry-After: nan`.
        case retryAfterNaN
        /// Every API call: 429 with `Retry-After: 1e300`.
        case retryAfterHuge
        /// Every API call: 429 with `Retry-After: 9223372036854775807`.
        case retryAfterInt64Max
        /// Token endpoints: 307 to ``HostileKnobs/foreignOrigin``.
        case tokenRedirect
        /// Token endpoints: 429 with `Retry-After` of ``HostileKnobs/tokenRetryAfterSeconds``, for the first
        /// ``HostileKnobs/tokenThrottleCount`` calls.
        case tokenThrottled
        /// Listings: 200 with a body that is not JSON.
        case garbageJSON
        /// Listings: 200 with JSON cut off in the middle.
        case truncatedJSON
    }

    /// The hostile behaviour in force; `nil` for none.
    public var answer: Answer?
    /// Where foreign next links and redirects point (`http://127.0.0.1:9` by default: nothing listens).
    public var foreignOrigin: String
    /// Accounts on each made-up page.
    public var pageSize: Int
    /// Seconds in `Retry-After` for ``Answer/tokenThrottled``.
    public var tokenRetryAfterSeconds: Int
    /// How many token calls ``Answer/tokenThrottled`` refuses before answering normally.
    public var tokenThrottleCount: Int
    /// GoTo: `POST …/licenses/{key}/users` answers 204 but changes nothing (the reactivation the client
    /// rests on an assumption for; see docs/goto-evidence.md).
    public var gotoLicenceAssignIsNoOp: Bool
    /// Zoom: `POST /users` with `action=create` allowed per UTC day before the daily-cap 429 (its shape: `HostileAnswers`)
    /// (`zoom-users.json`: 50 a day on Free, 1,500 on Pro, 10,000 on Business+); `nil` for no cap.
    ///
    /// Not
    /// hostile, a real limit: kept here with the other answers tests ask for.
    public var zoomCreateDailyCap: Int?

    /// Creates knobs; the defaults are not hostile.
    public init(
        answer: Answer? = nil,
        foreignOrigin: String = "http://127.0.0.1:9",
        pageSize: Int = 20,
        tokenRetryAfterSeconds: Int = 1,
        tokenThrottleCount: Int = 1,
        gotoLicenceAssignIsNoOp: Bool = false,
        zoomCreateDailyCap: Int? = nil
    ) {
        self.answer = answer
        self.foreignOrigin = foreignOrigin
        self.pageSize = max(1, pageSize)
        self.tokenRetryAfterSeconds = tokenRetryAfterSeconds
        self.tokenThrottleCount = tokenThrottleCount
        self.gotoLicenceAssignIsNoOp = gotoLicenceAssignIsNoOp
        self.zoomCreateDailyCap = zoomCreateDailyCap
    }

    private enum CodingKeys: String, CodingKey {
        case answer, foreignOrigin, pageSize, tokenRetryAfterSeconds, tokenThrottleCount, gotoLicenceAssignIsNoOp
        case zoomCreateDailyCap
    }

    /// Decodes knobs; every key is optional.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = HostileKnobs()
        self.init(
            answer: try c.decodeIfPresent(Answer.self, forKey: .answer),
            foreignOrigin: try c.decodeIfPresent(String.self, forKey: .foreignOrigin) ?? d.foreignOrigin,
            pageSize: try c.decodeIfPresent(Int.self, forKey: .pageSize) ?? d.pageSize,
            tokenRetryAfterSeconds: try c.decodeIfPresent(Int.self, forKey: .tokenRetryAfterSeconds)
                ?? d.tokenRetryAfterSeconds,
            tokenThrottleCount: try c.decodeIfPresent(Int.self, forKey: .tokenThrottleCount) ?? d.tokenThrottleCount,
            gotoLicenceAssignIsNoOp: try c.decodeIfPresent(Bool.self, forKey: .gotoLicenceAssignIsNoOp)
                ?? d.gotoLicenceAssignIsNoOp,
            zoomCreateDailyCap: try c.decodeIfPresent(Int.self, forKey: .zoomCreateDailyCap)
        )
    }
}
