import Foundation
import OrganizerSyncTestSupport
import Testing

/// A configuration file for `server` in a temporary folder.
struct CLIConfiguration {
    let folder: TemporaryDirectory
    let file: String

    init(_ server: SlapdServer, url: String? = nil, passwordFile: String? = nil, extra: String = "") throws {
        folder = try TemporaryDirectory(prefix: "cli-config")
        file = folder.url.appendingPathComponent("organizer-sync.yaml").path
        let yaml = """
            mappings_dir: \(SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path)
            directory:
              preset: openldap
              url: \(url ?? server.url)
              tls:
                ca_file: \(server.caFile)
              bind:
                dn: \(server.readerDN)
                password_file: \(passwordFile ?? server.readerPasswordFile)
              users:
                base: ou=people,\(server.base)
              groups:
                base: ou=groups,\(server.base)
              schema:
                disabled_when:
                  - attribute: employeeType
                    equals: disabled
            \(extra)
            """
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
    }
}

let cliServer = Task { try await SlapdServer.start() }

func organizerSync(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
    let result = try await runProcess(BuiltProducts.path(of: "organizer-sync"), arguments, timeout: 120)
    return (result.status, result.stdout, result.stderr)
}

@Suite("organizer-sync validate and directory")
struct DirectoryCommandTests {
    @Test("validate says VALID and exits 0 against a reachable server")
    func validateSucceeds() async throws {
        let server = try await cliServer.value
        let config = try CLIConfiguration(server)
        defer { config.folder.remove() }
        let result = try await organizerSync(["validate", "--config", config.file])
        #expect(result.status == 0)
        #expect(result.stdout.contains("configuration: OK"))
        #expect(result.stdout.contains("directory: OK: connected to \(server.url) with StartTLS"))
        #expect(result.stdout.hasSuffix("verdict: VALID\n"))
    }

    @Test("validate names the file, line and key of a configuration error and exits 1")
    func validateBadConfig() async throws {
        let server = try await cliServer.value
        let config = try CLIConfiguration(server, extra: "  page_sise: 10")
        defer { config.folder.remove() }
        let result = try await organizerSync(["validate", "--config", config.file])
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "organizer-sync.yaml:18:3: directory.page_sise: unknown key (did you mean 'page_size'?)"
            )
        )
        #expect(result.stdout.contains("verdict: INVALID"))
    }

    @Test("A wrong password fails validate and directory with exit 1, and no password is printed")
    func wrongPassword() async throws {
        let server = try await cliServer.value
        let folder = try TemporaryDirectory(prefix: "cli-password")
        defer { folder.remove() }
        let wrong = "not-the-password-\(UUID().uuidString)"
        let passwordFile = folder.url.appendingPathComponent("password").path
        try SecretFiles.save(wrong, to: passwordFile)
        let config = try CLIConfiguration(server, passwordFile: passwordFile)
        defer { config.folder.remove() }
        for command in [["validate"], ["directory"], ["directory", "--log-level", "trace"]] {
            let result = try await organizerSync(command + ["--config", config.file])
            #expect(result.status == 1)
            #expect((result.stdout + result.stderr).contains("the bind DN or password is wrong"))
            #expect(!(result.stdout + result.stderr).contains(wrong))
        }
        let good = try await organizerSync([
            "directory", "--log-level", "trace", "--config", CLIConfiguration(server).file,
        ])
        #expect(!(good.stdout + good.stderr).contains(server.readerPassword))
    }

    @Test("directory prints a table and JSON of the users in scope")
    func directoryOutput() async throws {
        let server = try await cliServer.value
        let config = try CLIConfiguration(server)
        defer { config.folder.remove() }
        let table = try await organizerSync(["directory", "--config", config.file])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ANCHOR") == true)
        #expect(lines.contains { $0.contains("dave") && $0.contains("disabled") && $0.contains("cycle-a,cycle-b") })
        #expect(lines.last == "627 users, 9 groups")
        #expect(table.stderr.contains("groups nest in a cycle"))

        let json = try await organizerSync(["directory", "--format", "json", "--config", config.file])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let users = try #require(object["users"] as? [[String: Any]])
        #expect(users.count == 627)
        let zoe = try #require(users.first { $0["username"] as? String == "zoe" })
        #expect(zoe["email"] as? String == "zoe@example.com")
        #expect(zoe["isEnabled"] as? Bool == true)

        let summary = try await organizerSync(["directory", "--format", "summary", "--config", config.file])
        #expect(summary.stdout.hasPrefix("users: 627 (enabled 626, disabled 1, without email 1)\ngroups: 9\n"))
    }

    @Test("directory reads users and groups with one malloc arena (their threads reuse each other's freed memory)")
    func directoryUsesOneArena() async throws {
        let server = try await cliServer.value
        let config = try CLIConfiguration(server)
        defer { config.folder.remove() }
        let result = try await organizerSync([
            "directory", "--format", "summary", "--log-level", "debug", "--config", config.file,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        // The users' and the groups' threads both allocated; with an arena each, glibc would report three or more.
        #expect(result.stderr.contains("malloc arenas: 1\n"), "\(result.stderr)")
    }

    @Test("An unreachable server is an error with exit 1")
    func unreachable() async throws {
        let server = try await cliServer.value
        let config = try CLIConfiguration(server, url: "ldap://127.0.0.1:1")
        defer { config.folder.remove() }
        let result = try await organizerSync(["directory", "--config", config.file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot reach the LDAP server at 127.0.0.1:1"))
        #expect(result.stdout.isEmpty)
    }
}
