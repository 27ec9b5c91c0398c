import Foundation
import NIOHTTP1
import OrganizerSyncCore
import ProviderClients
import Testing

@Suite struct HTTPPipelineTests {
    @Test func a401RenewsTheTokenOnceThenFails() async throws {
        let target = try FakeTarget(.zoom) { _, _ in json(401, #"{"code":124,"message":"Invalid access token."}"#) }
        let error = await #expect(throws: ProviderError.self) { try await target.client.account(email: "a@x.com") }
        #expect(error?.code == .unauthorized)
        #expect(target.tokenRequests.count == 2)
        #expect(target.apiRequests.count == 2)
    }

    @Test func tokenIsReusedUntilNearExpiryThenRenewed() async throws {
        let target = try FakeTarget(.zoom) { _, _ in json(200, #"{"users":[]}"#) }
        _ = try await target.client.listAccounts()
        #expect(target.tokenRequests.count == 1)
        target.clock.advance(by: .seconds(3550))
        _ = try await target.client.listAccounts()
        #expect(target.tokenRequests.count == 2)
        let basic = try #require(target.tokenRequests[0].headers.first(name: "Authorization"))
        #expect(
            basic == "Basic " + Data("\(FakeTarget.secrets[0]):\(FakeTarget.secrets[1])".utf8).base64EncodedString()
        )
        #expect(target.tokenRequests[0].text == "grant_type=account_credentials&account_id=acct")
    }

    @Test func idempotentRequestsRetry5xxAndTimeoutsUpToTheLimit() async throws {
        let target = try FakeTarget(.webex, retry: .init(maxRetries: 2)) { _, index in
            if index == 1 { throw TransportError(.connectionReset) }
            return json(502, "<html>bad gateway</html>")
        }
        let error = await #expect(throws: ProviderError.self) { try await target.client.account(email: "a@x.com") }
        #expect(error?.code == .serverError)
        #expect(error?.httpStatus == 502)
        #expect(target.apiRequests.count == 3)
        #expect(target.client.statistics.retries == 2)
    }

    @Test func concurrentCallersShareOneTokenRenewal() async throws {
        let target = try FakeTarget(.goto) { _, _ in json(200, #"{"results":[],"total":0}"#) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask { _ = try await target.client.account(email: "u\(index)@x.com") }
            }
            try await group.waitForAll()
        }
        #expect(target.tokenRequests.count == 1)
    }

    @Test func missingSecretIsAConfigurationErrorNamingOnlyTheReference() async throws {
        let configuration = Self.zoom(
            clientID: "CONN_TEST_UNSET_ID",
            clientSecret: "CONN_TEST_UNSET_SECRET",
            apiBaseURL: "https://api.test"
        )
        let client = makeMeasuredAccountProvider(
            configuration,
            transport: ClosureTransport { _ in TransportResponse(status: 500) },
            clock: TestClock(),
            logger: InMemoryLogHandler.logger().0
        )
        let error = await #expect(throws: ProviderError.self) { try await client.listAccounts() }
        #expect(error?.code == .configuration)
    }

    @Test func defaultsAreTheRealHosts() {
        let zoom = Self.zoom(clientID: "A", clientSecret: "B")
        #expect(zoom.apiBaseURL == "https://api.zoom.us")
        #expect(zoom.authBaseURL == "https://zoom.us")
        #expect(ProviderConfiguration.defaultAuthBaseURL(for: .goto) == "https://authentication.logmeininc.com")
        #expect(ProviderConfiguration.RateLimit.default(for: .goto).requestsPerSecond == 10)
    }

    /// A Zoom target `z` whose client id and secret are read from the environment variables named.
    static func zoom(clientID: String, clientSecret: String, apiBaseURL: String? = nil) -> ProviderConfiguration {
        ProviderConfiguration(
            targetName: "z",
            kind: .zoom,
            credentials: .zoomServerToServer(
                accountID: "a",
                clientID: .environment(clientID),
                clientSecret: .environment(clientSecret)
            ),
            apiBaseURL: apiBaseURL
        )
    }
}
