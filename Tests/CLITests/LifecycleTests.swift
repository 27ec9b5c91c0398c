import Foundation
import Logging
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

/// The lifecycle an admin sees, end to end through the state store: the built binary against its own slapd (the
/// demo directory, changed with ldapmodify as an admin would) and the simulator's Webex API.
///
/// Each step changes the directory, then `plan` must show exactly the expected actions, `apply` must make them,
/// and a second `plan` must find nothing to do.
@Suite("Lifecycle through the state store", .serialized)
struct LifecycleTests {
    /// One directory, one simulator, one configuration and state folder for the whole story.
    struct Story {
        /// The configuration's `directory:` section.
        let directory: String
        let simulator: ProviderSimulator
        let folder: TemporaryDirectory
        let config: String
        let secrets: [String]

        /// Starts the simulator and writes a configuration reading `directory` (a `directory:` section) with
        /// one Webex target scoped on `group`.
        static func start(directory: String, group: String, directorySecrets: [String]) async throws -> Story {
            let simulator = try await ProviderSimulator.start(
                seed: .demo,
                logger: Logger(label: "sim") { _ in SwiftLogNoOpLogHandler() }
            )
            let folder = try TemporaryDirectory(prefix: "lifecycle")
            let seed = SimulatorSeed.demo[.webex]
            let secrets = directorySecrets + [seed.clientSecret, seed.refreshTokens[0]]
            try "preset: webex\nscope:\n  groups: [\(group)]\n".write(
                to: folder.url.appendingPathComponent("webex.yaml"),
                atomically: true,
                encoding: .utf8
            )
            try SecretFiles.save(seed.clientSecret + "\n", to: folder.url.appendingPathComponent("webex-secret").path)
            try SecretFiles.save(
                seed.refreshTokens[0] + "\n",
                to: folder.url.appendingPathComponent("webex-refresh").path
            )
            let story = Story(
                directory: directory,
                simulator: simulator,
                folder: folder,
                config: folder.url.appendingPathComponent("organizer-sync.yaml").path,
                secrets: secrets
            )
            try story.writeConfiguration(graceDays: 30)
            return story
        }

        /// The configuration: one Webex target, leavers suspended then deleted after `graceDays`.
        func writeConfiguration(graceDays: Int) throws {
            let seed = SimulatorSeed.demo[.webex]
            let yaml = """
                mappings_dir: \(SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path)
                \(directory)
                targets:
                \(simulator.targetYAML("webex", provider: "webex"))
                    mapping: webex.yaml
                    credentials:
                      client_id: \(seed.clientId)
                      client_secret_file: webex-secret
                      refresh_token_file: webex-refresh
                    policy:
                      deprovision: { suspend_then_delete_after_days: \(graceDays) }
                      max_suspends: { count: 10, share: 1.0 }
                      max_deletes: { count: 10, share: 1.0 }
                      guards: { block_on_empty_directory: true, min_in_scope_share: 0.5 }
                """
            try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        }

        func stop() async {
            try? await simulator.shutdown()
            folder.remove()
        }

        /// Runs organizer-sync with the story's configuration; no secret may appear in what it prints.
        func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
            let result = try await AccountsCommandTests.run(arguments + ["--config", config])
            PlanCommandTests.expectNoSecret(result, secrets)
            return result
        }

        /// Plans, checks the plan's action lines, applies it, and checks that planning again finds nothing.
        func converge(
            expecting lines: [String],
            sourceLocation: SourceLocation = #_sourceLocation
        ) async throws {
            let planFile = folder.url.appendingPathComponent("plan.json").path
            let plan = try await run(["plan", "--out", planFile])
            #expect(plan.status == 2, "plan: \(plan.stdout)\n\(plan.stderr)", sourceLocation: sourceLocation)
            let actions = plan.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { ["+ ", "~ ", "- ", "> ", "x "].contains(String($0.prefix(2))) }
            #expect(actions == lines, "plan:\n\(plan.stdout)", sourceLocation: sourceLocation)
            let apply = try await run(["apply", planFile])
            #expect(apply.status == 0, "apply: \(apply.stdout)\n\(apply.stderr)", sourceLocation: sourceLocation)
            let again = try await run(["plan"])
            #expect(again.status == 0, "plan again: \(again.stdout)", sourceLocation: sourceLocation)
        }

        /// The account's status at Webex, as `organizer-sync accounts` lists it.
        func status(of email: String) async throws -> String? {
            let result = try await run(["accounts", "--target", "webex", "--format", "json"])
            let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let accounts = document?["accounts"] as? [[String: Any]] ?? []
            return accounts.first { ($0["email"] as? String) == email }?["status"] as? String
        }
    }

    /// Changes the test slapd as its admin.
    struct Slapd {
        let server: SlapdServer

        /// Changes the directory as its admin.
        func ldapmodify(_ ldif: String) async throws {
            try await ldap("ldapmodify", [], stdin: ldif)
        }

        /// Deletes an entry as the directory's admin.
        func ldapdelete(_ dn: String) async throws {
            try await ldap("ldapdelete", [dn], stdin: nil)
        }

        private func ldap(_ tool: String, _ extra: [String], stdin: String?) async throws {
            // LDAPNOINIT would make the client ignore LDAPTLS_CACERT: `env -u` removes it if the test runner has it.
            let result = try await runProcess(
                "env",
                [
                    "-u", "LDAPNOINIT", "LDAPTLS_CACERT=\(server.caFile)", tool,
                    "-H", server.url, "-ZZ", "-x", "-D", server.adminDN, "-y", server.adminPasswordFile,
                ] + extra,
                stdin: stdin.map { Data($0.utf8) },
                timeout: 30
            )
            #expect(result.status == 0, "ldap change failed: \(result.stderr)")
        }
    }

    static func member(_ change: String, _ uids: [String]) -> String {
        """
        dn: cn=webex-users,ou=groups,dc=example,dc=com
        changetype: modify
        \(change): member
        \(uids.map { "member: uid=\($0),ou=people,dc=example,dc=com" }.joined(separator: "\n"))

        """
    }

    @Test("Create, rename, disable, re-enable, shrink guard, leave the group, delete with a grace period")
    func lifecycle() async throws {
        let server = try await SlapdServer.start(
            ldif: [SlapdServer.repositoryRoot().appendingPathComponent("Examples/demo/directory.ldif").path]
        )
        defer { server.stop() }
        let directory = Slapd(server: server)
        let story = try await Story.start(
            directory: server.directoryYAML(),
            group: "webex-users",
            directorySecrets: [server.readerPassword, server.adminPassword]
        )
        defer { Task { await story.stop() } }
        let person = "ou=people,dc=example,dc=com"

        try await story.converge(expecting: [
            "+ create daniela@example.com", "+ create emeka@example.com", "+ create ivan@example.com",
            "+ create julia@example.com",
        ])

        // Renamed: a new mail on the same entry (same entryUUID) is an update of the email, never a delete and create.
        try await directory.ldapmodify(
            "dn: uid=julia,\(person)\nchangetype: modify\nreplace: mail\nmail: julia.new@example.com\n"
        )
        try await story.converge(expecting: ["~ update julia@example.com"])
        #expect(try await story.status(of: "julia.new@example.com") != nil)
        #expect(try await story.status(of: "julia@example.com") == nil)

        // Disabled, then enabled again.
        try await directory.ldapmodify(
            "dn: uid=ivan,\(person)\nchangetype: modify\nreplace: employeeType\nemployeeType: disabled\n"
        )
        try await story.converge(expecting: ["- suspend ivan@example.com"])
        #expect(try await story.status(of: "ivan@example.com") == "suspended")
        try await directory.ldapmodify("dn: uid=ivan,\(person)\nchangetype: modify\ndelete: employeeType\n")
        try await story.converge(expecting: ["> reactivate ivan@example.com"])
        #expect(try await story.status(of: "ivan@example.com") == "active")

        // Three of four users leave the group at once: far fewer than last time, so the guard blocks the suspends.
        try await directory.ldapmodify(Self.member("delete", ["daniela", "emeka", "ivan"]))
        let shrunk = try await story.run(["plan"])
        #expect(shrunk.status == 3, "\(shrunk.stdout)")
        #expect(shrunk.stdout.contains("BLOCKED guard.shrunkDirectory"))
        try await directory.ldapmodify(Self.member("add", ["emeka", "ivan"]))

        // One user leaves the provisioning group: deprovisioned per policy (suspended, deleted after the grace period).
        try await story.converge(expecting: ["- suspend daniela@example.com"])

        // A user deleted from the directory: suspended; the grace period then runs (nothing to do meanwhile).
        try await directory.ldapdelete("uid=emeka,\(person)")
        try await story.converge(expecting: ["- suspend emeka@example.com"])
        let waiting = try await story.run(["plan"])
        #expect(waiting.status == 0)
        #expect(try await story.status(of: "emeka@example.com") == "suspended")

        // The grace period is shortened to 0 days: both suspended leavers are deleted, counted from the recorded time.
        try story.writeConfiguration(graceDays: 0)
        try await story.converge(expecting: ["x delete daniela@example.com", "x delete emeka@example.com"])
        #expect(try await story.status(of: "emeka@example.com") == nil)
        #expect(try await story.status(of: "daniela@example.com") == nil)

        let verify = try await story.run(["audit", "verify"])
        #expect(verify.status == 0, "\(verify.stdout)\n\(verify.stderr)")
    }
}
