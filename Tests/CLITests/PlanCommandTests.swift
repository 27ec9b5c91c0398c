import Foundation
import Logging
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// `plan` and `explain` end to end: the built binary against a real slapd and the in-process simulator.
@Suite("organizer-sync plan and explain", .serialized)
struct PlanCommandTests {
    /// Who each demo group holds (kenji, in zoom-users, is disabled).
    static let expectedCreates: [String: [String]] = [
        "zoom": ["ahmed", "beatriz", "chen", "hannah", "ivan", "lucia"],
        "webex": ["daniela", "emeka", "ivan", "julia"],
        "goto": ["daniela", "emeka", "fatima"],
    ]

    /// A configuration for `server` and `simulator`, with the configuration file and every secret written.
    ///
    /// One target per provider is scoped on its demo group; `zoom-none` has nobody in scope and suspends
    /// unmanaged accounts; `zoom-quiet` has nobody in scope and leaves unmanaged accounts alone.
    static func writeConfiguration(
        server: SlapdServer,
        simulator: ProviderSimulator,
        in folder: URL
    ) throws -> (file: String, secrets: [String]) {
        let seed = SimulatorSeed.demo
        var secrets = [server.readerPassword]
        func write(_ name: String, _ text: String) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return name
        }
        func secretFile(_ name: String, _ value: String) throws -> String {
            secrets.append(value)
            try SecretFiles.save(value + "\n", to: folder.appendingPathComponent(name).path)
            return name
        }
        func mapping(_ preset: String, group: String, nobody: Bool = false) -> String {
            """
            preset: \(preset)
            scope:
              groups: [\(group)]
            \(nobody ? "  filter: (mail=nobody@example.invalid)" : "")
            """
        }
        _ = try write("zoom.yaml", mapping("zoom", group: "zoom-users"))
        _ = try write("webex.yaml", mapping("webex", group: "webex-users"))
        _ = try write("goto.yaml", mapping("goto", group: "goto-organizers"))
        _ = try write("nobody.yaml", mapping("zoom", group: "zoom-users", nobody: true))
        let zoomCredentials = """
                credentials:
                  account_id: \(seed[.zoom].accountId)
                  client_id: \(seed[.zoom].clientId)
                  client_secret_file: \(try secretFile("zoom-secret", seed[.zoom].clientSecret))
            """
        let yaml = """
            \(server.directoryYAML())
            targets:
            \(simulator.targetYAML("goto-sim", provider: "goto"))
                mapping: goto.yaml
                credentials:
                  client_id: \(seed[.goto].clientId)
                  client_secret_file: \(try secretFile("goto-secret", seed[.goto].clientSecret))
                  personal_access_token_file: \(try secretFile("goto-pat", seed[.goto].personalAccessTokens[0]))
            \(simulator.targetYAML("zoom-sim", provider: "zoom"))
                mapping: ./zoom.yaml
                policy:
                  protected_emails: ["*@ops.example.com"]
                  deprovision: { suspend_then_delete_after_days: 30 }
                  max_creates: { count: 100 }
            \(zoomCredentials)
            \(simulator.targetYAML("webex-sim", provider: "webex"))
                mapping: webex.yaml
                credentials:
                  client_id: \(seed[.webex].clientId)
                  client_secret_file: \(try secretFile("webex-secret", seed[.webex].clientSecret))
                  refresh_token_file: \(try secretFile("webex-refresh", seed[.webex].refreshTokens[0]))
            \(simulator.targetYAML("zoom-none", provider: "zoom"))
                mapping: nobody.yaml
                policy:
                  unmanaged: suspend
                  guards: { block_on_empty_directory: true, min_in_scope_share: 0.5 }
            \(zoomCredentials)
            \(simulator.targetYAML("zoom-quiet", provider: "zoom"))
                mapping: nobody.yaml
                policy: { unmanaged: leave }
            \(zoomCredentials)
            """
        return (folder.appendingPathComponent(try write("organizer-sync.yaml", yaml)).path, secrets)
    }

    /// Starts the simulator, writes the configuration and runs `body`.
    static func withDemo(
        _ body: (_ config: String, _ folder: URL, _ secrets: [String]) async throws -> Void
    )
        async throws
    {
        let server = try await demoDirectoryServer.value
        try await withSimulator(folder: "plan-cli") { simulator, folder in
            let (file, secrets) = try writeConfiguration(server: server, simulator: simulator, in: folder)
            try await body(file, folder, secrets)
        }
    }

    static func expectNoSecret(
        _ result: (status: Int32, stdout: String, stderr: String),
        _ secrets: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for secret in secrets {
            #expect(
                !(result.stdout + result.stderr).contains(secret),
                "a secret is printed",
                sourceLocation: sourceLocation
            )
        }
        #expect(!result.stderr.contains("Bearer "), sourceLocation: sourceLocation)
    }

    @Test(
        "plan shows a create for each directory user the provider lacks and exits 2",
        arguments: ["goto", "zoom", "webex"]
    )
    func changesPending(provider: String) async throws {
        try await Self.withDemo { config, _, secrets in
            let result = try await AccountsCommandTests.run([
                "plan", "--config", config, "--target", "\(provider)-sim", "--log-level", "debug",
            ])
            #expect(result.status == 2, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            let creates = try #require(Self.expectedCreates[provider])
            #expect(
                result.stdout.contains("Target \(provider)-sim (\(provider)): \(creates.count) to create, 0 to update")
            )
            for user in creates {
                #expect(result.stdout.contains("+ create \(user)@example.com"), "no create for \(user)")
            }
            #expect(result.stdout.contains("in scope: group:"))
            #expect(!result.stdout.contains("kenji@example.com"), "a disabled user with no account gets nothing")
            #expect(!result.stdout.contains("BLOCKED"))
            #expect(result.stdout.contains("unmanaged account(s) left alone"))
            Self.expectNoSecret(result, secrets)
        }
    }

    @Test("A target whose mapping selects nobody trips the empty-directory guard: exit 3, still written")
    func blockedByGuard() async throws {
        try await Self.withDemo { config, folder, secrets in
            let out = folder.appendingPathComponent("blocked.json").path
            let result = try await AccountsCommandTests.run([
                "plan", "--config", config, "--target", "zoom-none", "-out", out,  // Terraform's spelling
            ])
            #expect(result.status == 3, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            #expect(result.stdout.contains("BLOCKED guard.emptyDirectory"))
            #expect(result.stdout.contains("Plan is BLOCKED by a safety gate"))
            #expect(result.stdout.contains("- suspend grace.hopper@example.com"))
            #expect(result.stdout.contains("protected"), "the Zoom owner is protected, not suspended")
            let plan = try Plan.decodeVerified(from: try Data(contentsOf: URL(fileURLWithPath: out)))
            #expect(plan.isBlocked)
            #expect(plan.targets.first?.gates.contains { $0.name == "guard.emptyDirectory" } == true)
            Self.expectNoSecret(result, secrets)
        }
    }

    @Test("A target with nobody in scope whose policy leaves unmanaged accounts alone has nothing to do: exit 0")
    func upToDate() async throws {
        try await Self.withDemo { config, _, secrets in
            let result = try await AccountsCommandTests.run(["plan", "--config", config, "--target", "zoom-quiet"])
            #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
            #expect(result.stdout.contains("Target zoom-quiet (zoom): 0 to create, 0 to update"))
            #expect(result.stdout.contains("No changes."))
            Self.expectNoSecret(result, secrets)
        }
    }

    @Test("Every target together: blocked wins over changes pending, exit 3")
    func everyTarget() async throws {
        try await Self.withDemo { config, _, _ in
            let result = try await AccountsCommandTests.run(["plan", "--config", config])
            #expect(result.status == 3, "stderr: \(result.stderr)")
            for target in ["goto-sim", "zoom-sim", "webex-sim", "zoom-none", "zoom-quiet"] {
                #expect(result.stdout.contains("Target \(target) ("))
            }
        }
    }

    @Test("--out writes a sealed plan that verifies, and fails verification once a byte is changed")
    func sealedPlanFile() async throws {
        try await Self.withDemo { config, folder, secrets in
            let out = folder.appendingPathComponent("plan.json").path
            let result = try await AccountsCommandTests.run([
                "plan", "--config", config, "--target", "zoom-sim", "--target", "webex-sim", "-o", out,
                "--format", "json",
            ])
            #expect(result.status == 2, "stderr: \(result.stderr)")
            let data = try Data(contentsOf: URL(fileURLWithPath: out))
            #expect(result.stdout == String(decoding: data, as: UTF8.self), "--format json prints the plan file")
            let plan = try Plan.decodeVerified(from: data)
            #expect(plan.targets.map(\.target) == ["zoom-sim", "webex-sim"])
            #expect(plan.targets[0].summary.create == 6)
            #expect(plan.configDigest.count == 64)
            #expect(!plan.isBlocked)
            let text = String(decoding: data, as: UTF8.self)
            for secret in secrets { #expect(!text.contains(secret), "a secret is in the plan file") }

            var altered = data
            let index = try #require(
                text.utf8.firstIndex(of: UInt8(ascii: "@")).map {
                    text.utf8.distance(from: text.utf8.startIndex, to: $0)
                }
            )
            altered[index - 1] = altered[index - 1] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
            #expect(throws: PlanError.self) { try Plan.decodeVerified(from: altered) }
            do {
                _ = try Plan.decodeVerified(from: altered)
            } catch let error as PlanError {
                #expect(error.code == .digestMismatch)
            }
        }
    }

    @Test("explain shows scope rules, mapped values, the account matched and the action with its reason")
    func explainUser() async throws {
        try await Self.withDemo { config, _, secrets in
            let result = try await AccountsCommandTests.run([
                "explain", "ivan", "--config", config, "--target", "zoom-sim",
            ])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("Target zoom-sim (zoom)"))
            #expect(result.stdout.contains("user uid=ivan,ou=people,dc=example,dc=com"))
            #expect(result.stdout.contains("+ group:zoom-users"))
            #expect(result.stdout.contains("-> provision"))
            #expect(result.stdout.contains("email = lower(trim(email)) -> \"ivan@example.com\""))
            #expect(result.stdout.contains("account: none with this email"))
            #expect(result.stdout.contains("action: create ivan@example.com"))
            #expect(result.stdout.contains("because: in scope: group:zoom-users"))
            Self.expectNoSecret(result, secrets)

            let disabled = try await AccountsCommandTests.run([
                "explain", "kenji@example.com", "--config", config, "--target", "zoom-sim", "--format", "json",
            ])
            #expect(disabled.status == 0, "stderr: \(disabled.stderr)")
            let list = try #require(
                try JSONSerialization.jsonObject(with: Data(disabled.stdout.utf8)) as? [[String: Any]]
            )
            let user = try #require(list.first?["user"] as? [String: Any])
            #expect(user["outcome"] as? String == "deprovision")
            #expect(user["isEnabled"] as? Bool == false)
            #expect((list.first?["actions"] as? [Any])?.isEmpty == true)

            let account = try await AccountsCommandTests.run([
                "explain", "grace.hopper@example.com", "--config", config, "--target", "zoom-none",
            ])
            #expect(account.status == 0, "stderr: \(account.stderr)")
            #expect(account.stdout.contains("no directory user"))
            #expect(account.stdout.contains("action: suspend grace.hopper@example.com"))
            #expect(account.stdout.contains("because: unmanaged account (policy: suspend)"))
            #expect(account.stdout.contains("BLOCKED guard.emptyDirectory"))

            let unknown = try await AccountsCommandTests.run(["explain", "nobody", "--config", config])
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("no directory user or account matches 'nobody'"))
        }
    }

    @Test("validate loads each target's mapping, one line per target; a bad mapping names its file and line")
    func validateMappings() async throws {
        try await Self.withDemo { config, folder, _ in
            let result = try await AccountsCommandTests.run(["validate", "--config", config, "--offline"])
            #expect(result.status == 0, "stdout: \(result.stdout)")
            for target in ["goto-sim", "zoom-sim", "webex-sim", "zoom-none", "zoom-quiet"] {
                #expect(
                    result.stdout.split(separator: "\n").filter { $0.hasPrefix("target \(target): mapping OK") }.count
                        == 1
                )
            }
            try "preset: webex\nscope:\n  grups: [webex-users]\n".write(
                to: folder.appendingPathComponent("webex.yaml"),
                atomically: true,
                encoding: .utf8
            )
            let bad = try await AccountsCommandTests.run(["validate", "--config", config, "--offline"])
            #expect(bad.status == 1)
            #expect(bad.stdout.contains("target webex-sim: mapping FAILED"))
            #expect(bad.stdout.contains("webex.yaml:3:3"))
            let plan = try await AccountsCommandTests.run(["plan", "--config", config, "--target", "webex-sim"])
            #expect(plan.status == 1)
            #expect(plan.stderr.contains("webex.yaml:3:3"))
        }
    }
}
