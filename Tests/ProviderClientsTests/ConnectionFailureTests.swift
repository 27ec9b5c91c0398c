import AsyncHTTPClient
import Foundation
import OrganizerSyncCore
import ProviderClients
import Testing

/// An unreachable provider: the error names the host and what failed, the retries show at info, and the
/// time spent retrying stays within the call's budget (on a test clock: wall time is not reliable on a
/// loaded machine).
@Suite struct ConnectionFailureTests {
    @Test func anUnreachableProviderIsNamedAndGivenUpOnWithinTheBudget() async throws {
        let configuration = ProviderConfiguration(
            targetName: "zoom-down",
            kind: .zoom,
            credentials: .zoomServerToServer(accountID: "a", clientID: .inline("id"), clientSecret: .inline("secret")),
            // Port 9 (discard) on loopback: nothing listens, every connection is refused.
            apiBaseURL: "http://127.0.0.1:9/zoom",
            authBaseURL: "http://127.0.0.1:9/zoom",
            // Under load AsyncHTTPClient may keep retrying the refused connect until the request's deadline.
            requestTimeout: .seconds(1),
            retry: .init(
                maxRetries: 2,
                initialBackoff: .milliseconds(200),
                maxBackoff: .seconds(1),
                maxRetryDuration: .seconds(120)
            ),
            allowInsecureHTTP: true
        )
        let (logger, logs) = InMemoryLogHandler.logger()
        let error = try await HTTPClient.withHTTPClient(
            configuration: ProviderHTTPClient.configuration(connectTimeout: .milliseconds(300))
        ) { httpClient in
            let client = makeMeasuredAccountProvider(
                configuration,
                transport: AsyncHTTPClientTransport(client: httpClient),
                clock: ContinuousClock(),
                logger: logger
            )
            return await #expect(throws: ProviderError.self) { try await client.listAccounts() }
        }
        #expect([.connectionFailed, .timedOut].contains(error?.code), "\(error?.debugDescription ?? "")")
        #expect(error?.description.contains("host 127.0.0.1:9") == true, "\(error?.description ?? "")")
        let said = error?.description ?? ""
        #expect(said.contains("connectFailed") || said.contains("timedOut"), "\(said)")
        #expect(logs.all.contains { $0.hasPrefix("info request failed, retrying") })
    }

    @Test func theTimeSpentRetryingOneCallStaysWithinItsBudget() async throws {
        let target = try FakeTarget(.zoom, retry: .init(maxRetries: 1_000)) { _, _ in
            throw TransportError(.connectFailed)
        }
        let error = await #expect(throws: ProviderError.self) { try await target.client.listAccounts() }
        #expect(error?.code == .connectionFailed)
        #expect(error?.description.contains("retry budget 20 s") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("host api.test:443") == true)
        let waited = target.clock.sleeps.reduce(Duration.zero, +)
        #expect(waited <= .seconds(20))
        #expect(target.clock.sleeps.count >= 5)
    }

    @Test func anInsecureURLIsRefusedBeforeAnythingIsSent() async throws {
        let configuration = ProviderConfiguration(
            targetName: "zoom-plain",
            kind: .zoom,
            credentials: .zoomServerToServer(accountID: "a", clientID: .inline("id"), clientSecret: .inline("secret")),
            apiBaseURL: "http://zoom.example.com",
            authBaseURL: "http://zoom.example.com"
        )
        let client = makeMeasuredAccountProvider(
            configuration,
            transport: ClosureTransport { _ in
                Issue.record("a request went out over http://")
                return TransportResponse(status: 500)
            },
            clock: TestClock(),
            logger: InMemoryLogHandler.logger().0
        )
        let error = await #expect(throws: ProviderError.self) { try await client.listAccounts() }
        #expect(error?.code == .refusedURL)
        #expect(error?.description.contains("allow_insecure_http") == true)
    }
}
