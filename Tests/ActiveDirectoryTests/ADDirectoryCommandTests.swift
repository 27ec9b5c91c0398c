import Foundation
import OrganizerSyncTestSupport
import Testing

/// The built `organizer-sync` against the Samba DC, with a configuration that names
/// `preset: active-directory`, as an admin would write it.
@Suite("organizer-sync directory and validate on Active Directory", .sambaDC)
struct ADDirectoryCommandTests {
    /// A configuration file for the shared DC in a temporary folder.
    func configurationFile(
        _ dc: SambaDC,
        tls: String = "ldaps",
        usersBase: String? = nil
    ) throws -> (folder: TemporaryDirectory, file: String) {
        let folder = try TemporaryDirectory(prefix: "ad-cli")
        let file = folder.url.appendingPathComponent("organizer-sync.yaml").path
        let yaml =
            "mappings_dir: \(SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path)\n"
            + dc.directoryYAML(tls: tls, usersBase: usersBase) + "\n"
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        return (folder, file)
    }

    func organizerSync(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await runProcess(BuiltProducts.path(of: "organizer-sync"), arguments, timeout: 120)
    }

    @Test("validate connects with ldaps and StartTLS, binds and says VALID", arguments: ["ldaps", "starttls"])
    func validate(tls: String) async throws {
        let dc = try await dc()
        let config = try configurationFile(dc, tls: tls)
        defer { config.folder.remove() }
        let result = try await organizerSync(["validate", "--config", config.file])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stdout.contains("with \(tls == "ldaps" ? "ldaps" : "StartTLS") and bound as the configured bind DN")
        )
        #expect(result.stdout.hasSuffix("verdict: VALID\n"))
    }

    @Test("directory lists the AD users: GUID anchors, sAMAccountName, mail or UPN, the disabled one, nested groups")
    func directory() async throws {
        let dc = try await dc()
        let config = try configurationFile(dc)
        defer { config.folder.remove() }
        let json = try await organizerSync(["directory", "--format", "json", "--config", config.file])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let users = try #require(object["users"] as? [[String: Any]])
        let byName = Dictionary(
            uniqueKeysWithValues: users.compactMap { user in (user["username"] as? String).map { ($0, user) } }
        )
        #expect(byName.keys.sorted() == ["alice", "bob", "carol", "dave", "frank", "heidi", "ivan", "judy", "peggy"])
        let alice = try #require(byName["alice"])
        let anchor = try #require(alice["anchor"] as? String)
        #expect(
            anchor.range(
                of: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$",
                options: .regularExpression
            ) != nil
        )
        #expect(alice["email"] as? String == "alice@example.test")
        #expect((alice["groups"] as? [String])?.count == 7)
        #expect(byName["carol"]?["isEnabled"] as? Bool == false)
        #expect(byName["dave"]?["email"] as? String == "dave@example.test")
        #expect(byName["frank"]?["email"] == nil || byName["frank"]?["email"] is NSNull)

        let table = try await organizerSync(["directory", "--config", config.file])
        #expect(table.status == 0)
        #expect(table.stdout.split(separator: "\n").contains { $0.contains("carol") && $0.contains("disabled") })

        let summary = try await organizerSync(["directory", "--format", "summary", "--config", config.file])
        #expect(summary.status == 0)
        #expect(summary.stdout.hasPrefix("users: 9 (enabled 8, disabled 1, without email 1)\n"), "\(summary.stdout)")
        for text in [json.stdout, json.stderr, table.stdout, table.stderr, summary.stdout, summary.stderr] {
            #expect(!text.contains(try dc.password(in: dc.readerPasswordFile)))
        }
    }

    @Test("directory reads every bulk user and BigGroup's 3,100 members")
    func bulk() async throws {
        let dc = try await dc()
        let config = try configurationFile(dc, usersBase: dc.corpBase)
        defer { config.folder.remove() }
        let summary = try await organizerSync(["directory", "--format", "summary", "--config", config.file])
        #expect(summary.status == 0, "\(summary.stderr)")
        // 9 people, 3,100 bulk users and 4 service accounts (svc-disabled is disabled, carol too).
        #expect(
            summary.stdout.hasPrefix(
                "users: \(9 + SambaDC.testBulkUsers + 4) (enabled \(8 + SambaDC.testBulkUsers + 3), disabled 2, without email 1)"
            ),
            "\(summary.stdout)"
        )
    }

    @Test("A plain ldap:// URL with tls mode none is refused by the DC with the TLS hint; exit 1, no password")
    func plainBind() async throws {
        let dc = try await dc()
        let config = try configurationFile(dc, tls: "starttls")
        defer { config.folder.remove() }
        let text = try String(contentsOfFile: config.file, encoding: .utf8).replacingOccurrences(
            of: "mode: starttls",
            with: "mode: none"
        )
        try text.write(toFile: config.file, atomically: true, encoding: .utf8)
        let result = try await organizerSync(["directory", "--config", config.file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("this server requires TLS: use ldaps:// or StartTLS"), "\(result.stderr)")
        #expect(!(result.stdout + result.stderr).contains(try dc.password(in: dc.readerPasswordFile)))
    }
}
