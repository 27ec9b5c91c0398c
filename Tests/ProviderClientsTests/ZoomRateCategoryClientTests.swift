import Foundation
import OrganizerSyncCore
import ProviderClients
import ProviderSimulator
import Testing

/// The Zoom client honours the daily limit of each rate-limit label: a spent label is not called again, the
/// others go on.
@Suite struct ZoomRateCategoryClientTests {
    static let user = #"{"id":"u1","email":"u1@x.com","type":1,"status":"active"}"#

    @Test func aSpentLabelIsNotCalledAgainWhileOthersGoOn() async throws {
        let target = try FakeTarget(.zoom) { request, _ in
            if request.url.contains("/v2/users?") {
                return json(
                    200,
                    #"{"next_page_token":"","total_records":0,"users":[]}"#,
                    headers: [
                        ("X-RateLimit-Category", "Medium"), ("X-RateLimit-Limit", "2000"),
                        ("X-RateLimit-Remaining", "0"),
                    ]
                )
            }
            return json(200, Self.user, headers: [("X-RateLimit-Category", "Light"), ("X-RateLimit-Remaining", "5")])
        }
        // The first listing spends Medium on its first call.
        let error = try await #require(throws: ProviderError.self) { try await target.client.listAccounts() }
        #expect(error.code == .rateLimited)
        #expect(error.description.contains("daily limit of Zoom's Medium rate-limit category is spent"))
        #expect(error.description.contains("X-RateLimit-Limit 2000"))
        #expect(target.apiRequests.count == 1)
        // Light is untouched.
        #expect(try await target.client.account(email: "u1@x.com")?.id == "u1")
        #expect(target.apiRequests.count == 2)
    }

    @Test func aDailyLimit429StopsTheLabelUntilItsRetryAfter() async throws {
        let resets = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600 + 7200)
        let target = try FakeTarget(.zoom) { _, _ in
            json(
                429,
                #"{"code":429,"message":"You have reached the maximum daily rate limit for this API."}"#,
                headers: [
                    ("X-RateLimit-Category", "Light"), ("X-RateLimit-Type", "Daily-limit"),
                    ("X-RateLimit-Limit", "6000"), ("X-RateLimit-Remaining", "0"),
                    ("Retry-After", resets.ISO8601Format()),
                ]
            )
        }
        let account = ProviderAccount(id: "u1", email: "u1@x.com", status: .active)
        await #expect(throws: ProviderError.self) { try await target.client.suspend(account) }
        #expect(target.apiRequests.count == 1)
        // users.deactivate taught the client its label; users.activate is Light too but not yet known.
        let again = try await #require(throws: ProviderError.self) { try await target.client.suspend(account) }
        #expect(again.description.contains("resets at \(resets.ISO8601Format())"))
        #expect(target.apiRequests.count == 1)
    }

    /// Zoom's cap on creating users is the create's own: its 429 names the daily rate limit in its message
    /// while the Light label's headers show requests left (the shape of Zoom's per-operation daily caps).
    @Test func anOperationsOwnDailyCapStopsThatOperationOnlyAndIsNotRetried() async throws {
        let target = try FakeTarget(.zoom) { request, _ in
            if request.url.hasSuffix("/v2/users") {
                return json(
                    429,
                    #"{"code":429,"message":"You have exceeded the daily rate limit (2) of User Create API requests permitted for this account. You may resume these requests at GMT 00:00:00."}"#,
                    headers: [
                        ("X-RateLimit-Category", "Light"), ("X-RateLimit-Limit", "6000"),
                        ("X-RateLimit-Remaining", "5893"),
                    ]
                )
            }
            return json(
                200,
                Self.user,
                headers: [("X-RateLimit-Category", "Light"), ("X-RateLimit-Remaining", "5892")]
            )
        }
        let refused = try await #require(throws: ProviderError.self) {
            try await target.client.create(AccountFields(email: "n@x.com", firstName: "N"))
        }
        #expect(refused.code == .rateLimited)
        #expect(target.apiRequests.count == 1, "a daily cap is not retried: \(target.apiRequests.count) requests")
        let again = try await #require(throws: ProviderError.self) {
            try await target.client.create(AccountFields(email: "m@x.com", firstName: "M"))
        }
        #expect(again.description.contains("not sent: Zoom's daily cap of users.create is spent"), "\(again)")
        #expect(target.apiRequests.count == 1)
        // The Light label is not spent: a look-up on it is still sent.
        #expect(try await target.client.account(email: "u1@x.com")?.id == "u1")
        #expect(target.apiRequests.count == 2)
    }

    @Test func againstTheSimulatorASpentLabelEndsTheListingWithoutSpendingLight() async throws {
        var knobs = SimulatorKnobs()
        knobs.zoom.categoryLimits = ZoomRateLimits.free
        knobs.zoom.categoryLimits[ZoomRateLimits.medium] = .init(dailyLimit: 3)
        try await withSimulator(knobs: knobs) { simulator in
            let target = try SimulatedTarget(.zoom, simulator: simulator, seed: .demo)
            // Three statuses, one page each: the third call leaves Medium at 0.
            _ = try await target.client.listAccounts()
            let error = try await #require(throws: ProviderError.self) { try await target.client.listAccounts() }
            #expect(error.code == .rateLimited)
            #expect(error.description.contains("Medium"))
            let log = await simulator.requestLog().filter { $0.path == "/zoom/v2/users" }
            #expect(log.count == 3)
            #expect(try await target.client.account(email: "grace.hopper@example.com") != nil)
        }
    }
}
