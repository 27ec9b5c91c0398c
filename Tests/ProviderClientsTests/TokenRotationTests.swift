import AsyncHTTPClient
import Foundation
import Logging
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderClients
import ProviderSimulator
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Refresh tokens that the provider rotates (and invalidates) are saved where they are configured before the
/// new access token is used.
@Suite(.serialized) struct TokenRotationTests {
    /// A Webex client whose refresh token comes from `reference`, against `simulator`.
    static func client(_ simulator: ProviderSimulator, refreshToken: SecretReference) -> any AccountProvider {
        let seed = SimulatorSeed.demo[.webex]
        let base = simulator.baseURL + "/webex"
        let configuration = ProviderConfiguration(
            targetName: "webex-rotation",
            kind: .webex,
            credentials: .webexRefreshToken(
                clientID: .inline(seed.clientId),
                clientSecret: .inline(seed.clientSecret),
                refreshToken: refreshToken
            ),
            apiBaseURL: base,
            authBaseURL: base,
            allowInsecureHTTP: true  // the simulator on loopback speaks http://
        )
        return makeMeasuredAccountProvider(
            configuration,
            transport: AsyncHTTPClientTransport(client: HTTPClient.shared),
            clock: ContinuousClock(),
            logger: Logger(label: "rotation-test")
        )
    }

    static func rotatingSimulator() async throws -> ProviderSimulator {
        var knobs = SimulatorKnobs()
        knobs.webex.rotateRefreshTokens = true
        knobs.goto.rotateRefreshTokens = true
        return try await ProviderSimulator.start(seed: .demo, knobs: knobs)
    }

    @Test("A rotated token replaces the file (0600, atomically); the next client uses it; the old one is dead")
    func fileIsReplaced() async throws {
        let simulator = try await Self.rotatingSimulator()
        defer { Task { try? await simulator.shutdown() } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rotation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("webex-refresh").path
        let original = SimulatorSeed.demo[.webex].refreshTokens[0]
        try SecretFiles.save(original + "\n", to: path)

        for _ in 0..<2 {
            let accounts = try await Self.client(simulator, refreshToken: .file(path)).listAccounts()
            #expect(!accounts.isEmpty)
        }
        let saved = try String(contentsOfFile: path, encoding: .utf8)
        #expect(saved.hasPrefix("webex-rt-") && saved.hasSuffix("\n"), "the file holds the newest token")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["webex-refresh"])

        try SecretFiles.save(original + "\n", to: path)
        await #expect(throws: ProviderError.self) {
            try await Self.client(simulator, refreshToken: .file(path)).listAccounts()
        }
    }

    @Test("A token from *_env that rotates is an error saying to use a file, before the new token is used")
    func environmentRotationFails() async throws {
        let simulator = try await Self.rotatingSimulator()
        defer { Task { try? await simulator.shutdown() } }
        let name = "ORGANIZER_SYNC_TEST_ROTATION_\(UUID().uuidString.prefix(8))"
        let token = SimulatorSeed.demo[.webex].refreshTokens[0]
        setenv(name, token, 1)
        defer { unsetenv(name) }
        do {
            _ = try await Self.client(simulator, refreshToken: .environment(name)).listAccounts()
            Issue.record("a rotated token configured through the environment was accepted")
        } catch let error as RefreshTokenRotationError {
            #expect(error.code == .configuredThroughEnvironment)
            #expect(error.description.contains("refresh_token_file"))
            #expect(error.description.contains("env:\(name)"))
            #expect(!error.description.contains("webex-rt-") && !error.description.contains(token))
        }
        let apiCalls = await simulator.requestLog().filter { $0.path.hasPrefix("/webex/v1/people") }
        #expect(apiCalls.isEmpty, "the new access token was not used")
    }
}
