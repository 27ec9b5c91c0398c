import AsyncHTTPClient
import Foundation
import Logging
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderClients
import ProviderSimulator

/// A provider client wired to a running simulator over real HTTP, with its logs kept in memory.
struct SimulatedTarget {
    let client: any MeasuredAccountProvider
    let logs: InMemoryLogHandler.Store
    /// Every credential value the client was given; none may appear in a log line or an error.
    let secrets: [String]

    init(
        _ kind: ProviderKind,
        simulator: ProviderSimulator,
        seed: SimulatorSeed,
        pageSize: Int? = nil,
        timeout: Duration = .seconds(10),
        retry: ProviderConfiguration.RetryPolicy = .init(
            maxRetries: 8,
            initialBackoff: .milliseconds(50),
            maxBackoff: .seconds(1)
        ),
        clientSecretOverride: String? = nil,
        listing: ProviderConfiguration.ListingLimits = .init(),
        markedHostile: Bool = false,
        apiPath: String = ""
    ) throws {
        let provider = SimulatorProvider(kind)
        let credentials = seed[provider]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("conn-sim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func file(_ name: String, _ value: String) throws -> SecretReference {
            let path = directory.appendingPathComponent(name).path
            try SecretFiles.save(value, to: path)
            return .file(path)
        }
        let secret = clientSecretOverride ?? credentials.clientSecret
        let id = try file("id", credentials.clientId)
        let clientSecret = try file("secret", secret)
        let configured: ProviderCredentials
        var secrets = [credentials.clientId, secret]
        func token(_ name: String, _ value: String) throws -> SecretReference {
            secrets.append(value)
            return try file(name, value)
        }
        switch kind {
        case .goto:
            let pat = try token("pat", credentials.personalAccessTokens[0])
            configured = .gotoPersonalAccessToken(clientID: id, clientSecret: clientSecret, personalAccessToken: pat)
        case .zoom:
            configured = .zoomServerToServer(accountID: credentials.accountId, clientID: id, clientSecret: clientSecret)
        case .webex:
            let refresh = try token("rt", credentials.refreshTokens[0])
            configured = .webexRefreshToken(clientID: id, clientSecret: clientSecret, refreshToken: refresh)
        }
        let base = simulator.baseURL + "/" + kind.rawValue
        let configuration = ProviderConfiguration(
            targetName: "\(kind)-sim",
            kind: kind,
            credentials: configured,
            apiBaseURL: base + apiPath,
            authBaseURL: base,
            rateLimit: .init(requestsPerSecond: 2000, burst: 50),
            requestTimeout: timeout,
            retry: retry,
            pageSize: pageSize,
            listing: listing,
            allowInsecureHTTP: true
        )
        let (logger, logs) = InMemoryLogHandler.logger()
        self.client = makeMeasuredAccountProvider(
            configuration,
            transport: MarkingTransport(
                AsyncHTTPClientTransport(client: ProviderHTTPClient.shared),
                marksHostile: markedHostile
            ),
            clock: ContinuousClock(),
            logger: logger
        )
        self.logs = logs
        self.secrets = secrets
    }

    /// Log lines holding a credential or a bearer token.
    func leakingLogLines() -> [String] {
        logs.all.filter { line in line.contains("Bearer ") || secrets.contains { line.contains($0) } }
    }
}

/// Starts a simulator (logging nowhere), runs `body`, and shuts it down.
func withSimulator<T>(
    seed: SimulatorSeed = .demo,
    knobs: SimulatorKnobs = .init(),
    _ body: (ProviderSimulator) async throws -> T
) async throws -> T {
    try await ProviderSimulator.withRunning(
        seed: seed,
        knobs: knobs,
        logger: Logger(label: "sim") { _ in SwiftLogNoOpLogHandler() },
        body
    )
}

extension ProviderKind {
    /// The simulator's name for the provider.
    var simulated: SimulatorProvider { SimulatorProvider(rawValue: rawValue)! }
}

extension SimulatorKnobs {
    /// `base` (default knobs unless given) with `change` made to every provider's.
    static func everyProvider(
        of base: SimulatorKnobs = .init(),
        _ change: (inout ProviderKnobs) -> Void
    ) -> SimulatorKnobs {
        var knobs = base
        for provider in SimulatorProvider.allCases { change(&knobs[provider]) }
        return knobs
    }
}
