import Foundation
import Logging
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

/// Runs the built `organizer-sync` binary against an in-process provider simulator.
@Suite("organizer-sync accounts", .serialized)
struct AccountsCommandTests {
    /// A configuration with one target per provider, pointed at `simulator`; every secret is in a file of
    /// `folder`.
    ///
    /// Returns the config file and the secret values written.
    static func writeConfiguration(
        simulator: ProviderSimulator,
        in folder: URL
    ) throws -> (file: String, secrets: [String]) {
        let seed = SimulatorSeed.demo
        var secrets: [String] = []
        func secretFile(_ name: String, _ value: String) throws -> String {
            try SecretFiles.save(value + "\n", to: folder.appendingPathComponent(name).path)
            secrets.append(value)
            return name
        }
        let goto = seed[.goto]
        let zoom = seed[.zoom]
        let webex = seed[.webex]
        let yaml = """
            \(unreachableDirectoryYAML)
            targets:
            \(simulator.targetYAML("goto-sim", provider: "goto"))
                credentials:
                  client_id: \(goto.clientId)
                  client_secret_file: \(try secretFile("goto-secret", goto.clientSecret))
                  personal_access_token_file: \(try secretFile("goto-pat", goto.personalAccessTokens[0]))
            \(simulator.targetYAML("zoom-sim", provider: "zoom"))
                credentials:
                  account_id: \(zoom.accountId)
                  client_id_file: \(try secretFile("zoom-id", zoom.clientId))
                  client_secret_file: \(try secretFile("zoom-secret", zoom.clientSecret))
                page_size: 3
            \(simulator.targetYAML("webex-sim", provider: "webex"))
                credentials:
                  client_id: \(webex.clientId)
                  client_secret_file: \(try secretFile("webex-secret", webex.clientSecret))
                  refresh_token_file: \(try secretFile("webex-refresh", webex.refreshTokens[0]))
                rate_limit: { requests_per_second: 50, burst: 5 }
                timeout_seconds: 10
            """
        let file = folder.appendingPathComponent("organizer-sync.yaml").path
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        // The zoom client id is read from a file, so it must not show either.
        return (file, secrets)
    }

    /// Runs the binary; waiting for it holds no thread, so the in-process simulator keeps answering.
    static func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let binary = try BuiltProducts.path(of: "organizer-sync")
        let mappings = SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path
        return try await runProcess(binary, arguments, environment: ["ORGANIZER_SYNC_MAPPINGS": mappings], timeout: 60)
    }

    static func withSimulatorConfiguration(
        _ body: (ProviderSimulator, _ config: String, _ secrets: [String]) async throws -> Void
    ) async throws {
        try await withSimulator(folder: "accounts-cli") { simulator, folder in
            let (file, secrets) = try writeConfiguration(simulator: simulator, in: folder)
            try await body(simulator, file, secrets)
        }
    }

    @Test(
        "The table lists every account of each provider, and no secret is printed",
        arguments: ["goto", "zoom", "webex"]
    )
    func table(provider: String) async throws {
        try await Self.withSimulatorConfiguration { simulator, config, secrets in
            let result = try await Self.run(["accounts", "--config", config, "--target", "\(provider)-sim"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            let header = try #require(lines.first)
            for column in ["ID", "EMAIL", "NAME", "STATUS", "TYPE/LICENCES", "ROLES"] {
                #expect(header.contains(column))
            }
            let expected = await simulator.accounts(SimulatorProvider(rawValue: provider)!)
            #expect(expected.count == 10)
            for account in expected {
                #expect(lines.contains { $0.contains(account.email) }, "missing \(account.email)")
            }
            #expect(lines.last?.hasPrefix("accounts: \(expected.count) (") == true)
            #expect(lines.contains { $0.contains("Radia Perlman") && $0.contains("suspended") })
            if provider != "goto" {
                #expect(lines.contains { $0.contains("Leslie Lamport") && $0.contains("pending") })
            }
            if provider == "zoom" { #expect(lines.contains { $0.contains("type 2 (Licensed)") }) }
            for secret in secrets {
                #expect(!result.stdout.contains(secret), "a secret appears on stdout")
                #expect(!result.stderr.contains(secret), "a secret appears on stderr")
            }
        }
    }

    @Test("JSON output holds the target and every account", arguments: ["goto", "zoom", "webex"])
    func json(provider: String) async throws {
        try await Self.withSimulatorConfiguration { simulator, config, secrets in
            let result = try await Self.run([
                "accounts", "--config", config, "--target", "\(provider)-sim", "--format", "json", "--log-level",
                "debug",
            ])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            )
            #expect(object["target"] as? String == "\(provider)-sim")
            #expect(object["provider"] as? String == provider)
            let accounts = try #require(object["accounts"] as? [[String: Any]])
            let expected = await simulator.accounts(SimulatorProvider(rawValue: provider)!)
            #expect(object["count"] as? Int == expected.count)
            #expect(
                Set(accounts.compactMap { ($0["email"] as? String)?.lowercased() })
                    == Set(expected.map { $0.email.lowercased() })
            )
            #expect(accounts.allSatisfy { $0["status"] is String })
            // Debug logging on stderr shows requests, never credentials or tokens.
            for secret in secrets {
                #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "a secret is printed")
            }
            #expect(!result.stderr.contains("Bearer "))
        }
    }

    @Test("An unknown target exits 1 and lists the configured names")
    func unknownTarget() async throws {
        try await Self.withSimulatorConfiguration { _, config, _ in
            let result = try await Self.run(["accounts", "--config", config, "--target", "teams-prod"])
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("no target 'teams-prod'"))
            #expect(result.stderr.contains("goto-sim, zoom-sim, webex-sim"))
        }
    }

    @Test("A secret file that cannot be read exits 1 naming the reference, not a value")
    func unreadableSecret() async throws {
        try await Self.withSimulatorConfiguration { _, config, _ in
            let folder = URL(fileURLWithPath: config).deletingLastPathComponent()
            try FileManager.default.removeItem(at: folder.appendingPathComponent("webex-secret"))
            let result = try await Self.run(["accounts", "--config", config, "--target", "webex-sim"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("webex"))
            #expect(result.stderr.contains("configuration"))
        }
    }

    @Test("validate authenticates to every target and reports each; a wrong secret fails that target only")
    func validateTargets() async throws {
        try await Self.withSimulatorConfiguration { _, config, secrets in
            let result = try await Self.run(["validate", "--config", config])
            for target in ["goto-sim", "zoom-sim", "webex-sim"] {
                #expect(result.stdout.contains("target \(target): credentials OK"))
                #expect(result.stdout.contains("target \(target): OK: authenticated"), "stdout: \(result.stdout)")
            }
            // The configuration's directory is unreachable on purpose: the verdict is INVALID.
            #expect(result.stdout.contains("directory: FAILED"))
            #expect(result.status == 1)
            let folder = URL(fileURLWithPath: config).deletingLastPathComponent()
            try Data("wrong-secret\n".utf8).write(to: folder.appendingPathComponent("zoom-secret"))
            let wrong = try await Self.run(["validate", "--config", config])
            #expect(wrong.stdout.contains("target zoom-sim: FAILED"))
            #expect(wrong.stdout.contains("target webex-sim: OK"))
            for secret in secrets + ["wrong-secret"] {
                #expect(!(wrong.stdout + wrong.stderr).contains(secret))
            }
        }
    }
}
