import Foundation
import NIOHTTP1
import OrganizerSyncCore
import ProviderClients
import Testing

@Suite struct ZoomClientTests {
    @Test func listsEveryStatusAcrossPagesAndKeepsPendingUsersWithoutID() async throws {
        let target = try FakeTarget(.zoom) { request, _ in
            let url = request.url
            if url.contains("status=active") && !url.contains("next_page_token") {
                return json(
                    200,
                    #"{"next_page_token":"p2","users":[{"id":"a1","email":"a1@x.com","type":2,"role_id":"0","unknown":{"x":1}}]}"#
                )
            }
            if url.contains("status=active") {
                return json(200, #"{"next_page_token":"","users":[{"id":"a2","email":"a2@x.com","type":1}]}"#)
            }
            if url.contains("status=inactive") {
                return json(200, #"{"users":[{"id":"i1","email":"i1@x.com","type":1}]}"#)
            }
            return json(200, #"{"next_page_token":"","users":[{"email":"p1@x.com","type":1}]}"#)
        }
        let accounts = try await target.client.listAccounts()
        #expect(accounts.map(\.email) == ["a1@x.com", "a2@x.com", "i1@x.com", "p1@x.com"])
        #expect(accounts.map(\.status) == [.active, .active, .suspended, .pending])
        #expect(accounts[3].id == nil)
        #expect(accounts[0].isAdmin)
        #expect(target.apiRequests.allSatisfy { $0.headers.first(name: "Authorization") == "Bearer token-1" })
    }

    @Test func expiredPageTokenRestartsTheStatus() async throws {
        let target = try FakeTarget(.zoom) { request, _ in
            if request.url.contains("next_page_token=stale") {
                return json(400, #"{"code":300,"message":"The next page token is invalid or expired."}"#)
            }
            if request.url.contains("status=active") {
                return json(200, #"{"next_page_token":"stale","users":[{"id":"a1","email":"a1@x.com","type":1}]}"#)
            }
            return json(200, #"{"users":[]}"#)
        }
        await #expect(throws: ProviderError.self) { try await target.client.listAccounts() }
        // Restarted exactly once, then the second stale token fails for good.
        #expect(target.apiRequests.filter { $0.url.contains("status=active") }.count == 4)
    }

    @Test func deleteSendsActionDeleteAndPendingUsersAreDisassociated() async throws {
        let target = try FakeTarget(.zoom) { _, _ in TransportResponse(status: 204) }
        try await target.client.delete(ProviderAccount(id: "u1", email: "u1@x.com", status: .active))
        try await target.client.delete(ProviderAccount(id: nil, email: "p@x.com", status: .pending))
        #expect(
            target.apiRequests.map(\.url) == [
                "https://api.test/v2/users/u1?action=delete",
                "https://api.test/v2/users/p%40x.com?action=disassociate",
            ]
        )
    }

    @Test func statusChangeAcceptsAny2xx() async throws {
        let target = try FakeTarget(.zoom) { request, _ in
            TransportResponse(status: request.text.contains("deactivate") ? 200 : 204)
        }
        let account = ProviderAccount(id: "u1", email: "u1@x.com", status: .active)
        #expect(try await target.client.suspend(account).status == .suspended)
        #expect(try await target.client.reactivate(account).status == .active)
        #expect(target.apiRequests.map(\.method) == [.PUT, .PUT])
        #expect(target.apiRequests[0].text == #"{"action":"deactivate"}"#)
    }

    @Test func perSecond429WaitsUntilTheISOTimestampThenRetries() async throws {
        let target = try FakeTarget(.zoom) { _, index in
            if index == 1 {
                let soon = Date().addingTimeInterval(3)
                let formatter = ISO8601DateFormatter()
                return json(
                    429,
                    #"{"code":429,"message":"You have reached the maximum per-second rate limit for this API."}"#,
                    headers: [("Retry-After", formatter.string(from: soon)), ("X-RateLimit-Type", "QPS")]
                )
            }
            return json(200, #"{"id":"u1","email":"u1@x.com","type":1,"status":"active"}"#)
        }
        let account = try await target.client.account(email: "u1@x.com")
        #expect(account?.id == "u1")
        #expect(target.client.statistics.throttled == 1)
        #expect(target.clock.sleeps.contains { $0 > .seconds(1) && $0 <= .seconds(3) })
    }

    @Test func dailyLimitWithoutRetryAfterFailsAtOnce() async throws {
        let target = try FakeTarget(.zoom) { _, _ in
            json(429, #"{"code":429,"message":"daily"}"#, headers: [("X-RateLimit-Type", "Daily-limit")])
        }
        let error = await #expect(throws: ProviderError.self) { try await target.client.account(email: "u@x.com") }
        #expect(error?.code == .rateLimited)
        #expect(target.apiRequests.count == 1)
    }

    @Test func conflictOnCreateReturnsTheExistingUser() async throws {
        let target = try FakeTarget(.zoom) { request, _ in
            if request.method == .POST {
                return json(409, #"{"code":1005,"message":"User already in the account: u@x.com"}"#)
            }
            return json(200, #"{"id":"u9","email":"u@x.com","type":2,"status":"active"}"#)
        }
        let account = try await target.client.create(AccountFields(email: "u@x.com", firstName: "U"))
        #expect(account.id == "u9")
        #expect(target.apiRequests.filter { $0.method == .POST }.count == 1)
    }

    @Test func missingRequiredFieldNamesIt() async throws {
        let target = try FakeTarget(.zoom) { _, _ in
            json(200, #"{"users":[{"id":"a","email":"a@x.com","type":1},{"id":"b","type":1}]}"#)
        }
        let error = await #expect(throws: ProviderError.self) { try await target.client.listAccounts() }
        #expect(error?.code == .invalidResponse)
        #expect(error?.field == "users[1].email")
        #expect(error?.description.contains("users[1].email") == true)
    }
}
