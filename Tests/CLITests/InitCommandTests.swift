import Foundation
import Logging
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

/// `organizer-sync init`: the starter files, the refusal to overwrite, and `validate` on what init wrote.
@Suite("organizer-sync init")
struct InitCommandTests {
    @Test("init, then validate names what is missing; with the secrets and URLs filled in, validate exits 0")
    func initThenValidate() async throws {
        let server = try await demoDirectoryServer.value
        let folder = try TemporaryDirectory(prefix: "init-cli")
        defer { folder.remove() }
        let output = folder.url.appendingPathComponent("etc").path
        let made = try await AccountsCommandTests.run(
            ["init", "--directory", "openldap", "--target", "zoom", "--output", output]
        )
        #expect(made.status == 0, "\(made.stderr)")
        let config = output + "/organizer-sync.yaml"
        #expect(FileManager.default.fileExists(atPath: output + "/zoom-mapping.yaml"))
        let text = try String(contentsOfFile: config, encoding: .utf8)
        #expect(text.contains("password_file: secrets/ldap-bind"))
        #expect(text.contains("client_secret_file: secrets/zoom-client-secret"))
        #expect(text.contains("max_deletes: { count: 10, share: 0.01 }"))
        #expect(!text.contains("provider: webex") && !text.contains("provider: goto"))

        let before = try await AccountsCommandTests.run(["validate", "--offline", "--config", config])
        #expect(before.status == 1)
        let placeholderLine = try #require(
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                $0.contains("account_id: CHANGE-ME")
            }
        )
        #expect(
            before.stdout.contains(
                "organizer-sync.yaml:\(placeholderLine + 1): account_id is still the placeholder CHANGE-ME"
            )
        )
        #expect(
            before.stdout.contains(
                "bind password: MISSING: the secret file \(output)/secrets/ldap-bind named by "
                    + "directory.bind.password_file does not exist: create it"
            )
        )
        #expect(
            before.stdout.contains(
                "target zoom: MISSING: the secret file \(output)/secrets/zoom-client-secret named by "
                    + "credentials.client_secret_file does not exist"
            )
        )

        let simulator = try await ProviderSimulator.start(
            seed: .demo,
            logger: Logger(label: "sim") { _ in SwiftLogNoOpLogHandler() }
        )
        do {
            let state = folder.url.appendingPathComponent("state").path
            try StarterFill.fill(folder: output, server: server, simulator: simulator, state: state)
            let after = try await AccountsCommandTests.run(["validate", "--config", config])
            #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
            #expect(after.stdout.contains("directory: OK"))
            #expect(after.stdout.contains("target zoom: OK: authenticated"))
            #expect(after.stdout.hasSuffix("verdict: VALID\n"))
            for secret in StarterFill.secrets(server) {
                #expect(!(after.stdout + after.stderr).contains(secret))
            }
            try await simulator.shutdown()
        } catch {
            try? await simulator.shutdown()
            throw error
        }
    }

    @Test("init refuses to overwrite: one existing file, and nothing is written (exit 1, naming it)")
    func refusesToOverwrite() async throws {
        let folder = try TemporaryDirectory(prefix: "init-cli")
        defer { folder.remove() }
        let existing = folder.url.appendingPathComponent("webex-mapping.yaml").path
        try "mine\n".write(toFile: existing, atomically: true, encoding: .utf8)
        let result = try await AccountsCommandTests.run(
            [
                "init", "--directory", "active-directory", "--target", "zoom", "--target", "webex", "--output",
                folder.url.path,
            ]
        )
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(existing) exists; init never overwrites a file, and wrote nothing"))
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "mine\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["webex-mapping.yaml"])

        let made = try await AccountsCommandTests.run(
            ["init", "--directory", "active-directory", "--target", "goto", "--output", folder.url.path]
        )
        #expect(made.status == 0)
        let again = try await AccountsCommandTests.run(
            ["init", "--directory", "active-directory", "--target", "goto", "--output", folder.url.path]
        )
        #expect(again.status == 1)
        #expect(again.stderr.contains("organizer-sync.yaml exists"))
    }
}
