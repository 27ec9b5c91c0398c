import AsyncHTTPClient
import Foundation
import OrganizerSyncCore
import ProviderClients
import Testing

/// An unreachable provider: the error names the host and what failed, the retries show at info, and the
/// time spent retrying stays within the call's budget (on a test clock: wall time is not reliable on a
/// loaded machine).
@Suite struct ConnectionFailureTests {
    @Test func aRefusedConnectionNamesTheURLTheCauseAndWhatToCheck() async throws {
        // Port 9 (discard) on loopback: nothing listens, every connection is refused.
        let (error, logs) = try await Self.listAccounts(baseURL: "http://127.0.0.1:9/zoom")
        #expect(error?.code == .connectionFailed, "\(error?.debugDescription ?? "")")
        let said = error?.description ?? ""
        #expect(said.contains("URL http://127.0.0.1:9/zoom/oauth/token"), "\(said)")
        #expect(said.contains("zoom oauth.token failed"), "\(said)")
        #expect(said.contains("connection refused: check auth_base_url (host and port)"), "\(said)")
        #expect(error?.url == "http://127.0.0.1:9/zoom/oauth/token")
        // Every retry shows at info, with the cause and the URL.
        let retries = logs.all.filter { $0.hasPrefix("info request failed, retrying") }
        #expect(retries.count == 2, "\(logs.all)")
        #expect(retries.allSatisfy { $0.contains("connection refused") && $0.contains("127.0.0.1:9/zoom/oauth/token") })
    }

    @Test func anUnresolvableHostIsNamedAsADNSFailure() async throws {
        // `.invalid` never resolves (RFC 2606).
        let (error, logs) = try await Self.listAccounts(baseURL: "https://no-such-host.invalid/zoom")
        #expect(error?.code == .connectionFailed, "\(error?.debugDescription ?? "")")
        let said = error?.description ?? ""
        #expect(said.contains("URL https://no-such-host.invalid/zoom/oauth/token"), "\(said)")
        #expect(said.contains("host name not resolved: check the host name in auth_base_url"), "\(said)")
        #expect(
            logs.all.contains { $0.hasPrefix("info request failed, retrying") && $0.contains("host name not resolved") }
        )
    }

    @Test func theCauseIsReadFromTheTransportsOwnError() throws {
        let error = TransportError(
            .connectFailed,
            underlyingError: DescribedError(description: "IOError: connect(...): Connection refused (errno: 111)")
        )
        #expect(error.cause == .refused)
        #expect(TransportError(.timedOut).cause == .timeout)
        let text = "NIOConnectionError(host: \"x.invalid\", dnsAError: Optional(SocketAddressError.unknown(host: …)))"
        #expect(TransportError.cause(describedBy: text) == .nameNotResolved)
        #expect(TransportError.cause(describedBy: "NIOSSLError.handshakeFailed(…)") == .tls)
    }

    /// Lists a Zoom target at `baseURL` (API and OAuth) with two retries and a short connect timeout.
    static func listAccounts(baseURL: String) async throws -> (ProviderError?, InMemoryLogHandler.Store) {
        let configuration = ProviderConfiguration(
            targetName: "zoom-down",
            kind: .zoom,
            credentials: .zoomServerToServer(accountID: "a", clientID: .inline("id"), clientSecret: .inline("secret")),
            apiBaseURL: baseURL,
            authBaseURL: baseURL,
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
        #expect(error?.description.contains("secret") == false)
        return (error, logs)
    }

    /// The default budget (20 s, well under a minute) and one set by `limits.retry_budget_seconds`.
    @Test(arguments: [nil, 5])
    func theTimeSpentRetryingOneCallStaysWithinItsBudget(_ budgetSeconds: Int?) async throws {
        var retry = ProviderConfiguration.RetryPolicy(maxRetries: 1_000)
        if let budgetSeconds { retry.maxRetryDuration = .seconds(budgetSeconds) }
        let budget = budgetSeconds ?? 20
        let target = try FakeTarget(.zoom, retry: retry) { _, _ in
            throw TransportError(.connectFailed)
        }
        let error = await #expect(throws: ProviderError.self) { try await target.client.listAccounts() }
        #expect(error?.code == .connectionFailed)
        #expect(error?.description.contains("retry budget \(budget) s") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("URL https://api.test/") == true, "\(error?.description ?? "")")
        let waited = target.clock.sleeps.reduce(Duration.zero, +)
        #expect(waited <= .seconds(budget))
        #expect(target.clock.sleeps.count >= (budgetSeconds == nil ? 5 : 3))
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

/// An error with a given text, standing in for a transport's own error.
private struct DescribedError: Error, CustomStringConvertible {
    var description: String
}
