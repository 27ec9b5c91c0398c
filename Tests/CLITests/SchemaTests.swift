import Foundation
import OrganizerSyncTestSupport
import Testing

/// `organizer-sync schema`: the schemas in docs/schema are current, every example and preset validates against
/// them, and what the loader refuses the schema refuses too.
@Suite("organizer-sync schema")
struct SchemaTests {
    static let root = SlapdServer.repositoryRoot()

    /// Validates YAML files against a schema with `Scripts/check-schema.py` (python3 jsonschema).
    static func check(_ schema: String, _ files: [String]) async throws -> (status: Int32, output: String) {
        let script = root.appendingPathComponent("Scripts/check-schema.py").path
        let result = try await runProcess("python3", [script, schema] + files, timeout: 60)
        return (result.status, result.stdout + result.stderr)
    }

    @Test(
        "docs/schema holds what organizer-sync schema prints (regenerate with organizer-sync schema KIND)",
        arguments: [("config", "organizer-sync"), ("mapping", "mapping"), ("source-preset", "source-preset")]
    )
    func schemasAreCurrent(kind: String, name: String) async throws {
        let printed = try await AccountsCommandTests.run(["schema", kind])
        #expect(printed.status == 0)
        let file = Self.root.appendingPathComponent("docs/schema/\(name).schema.json")
        #expect(printed.stdout == (try String(contentsOf: file, encoding: .utf8)), "docs/schema/\(name) is stale")
    }

    @Test("Every example configuration, example mapping and built-in preset validates against its schema")
    func examplesValidate() async throws {
        let config = Self.root.appendingPathComponent("Examples/config").path
        let mappings = Self.root.appendingPathComponent("Mappings").path
        for (schema, files) in [
            ("organizer-sync", ["\(config)/openldap.yaml", "\(config)/active-directory.yaml"]),
            (
                "mapping",
                ["zoom", "webex", "goto"].flatMap {
                    ["\(config)/\($0)-mapping.yaml", "\(mappings)/providers/\($0).yaml"]
                }
            ),
            ("source-preset", ["\(mappings)/sources/openldap.yaml", "\(mappings)/sources/active-directory.yaml"]),
        ] {
            let path = Self.root.appendingPathComponent("docs/schema/\(schema).schema.json").path
            let result = try await Self.check(path, files)
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.split(separator: "\n").count == files.count)
        }
    }

    /// Bad files: (what, file changed, the text replaced, its replacement).
    ///
    /// Each is refused by the loader and by
    /// the schema.
    static let badFiles: [(String, String, String, String)] = [
        ("an unknown key", "openldap.yaml", "directory:\n  preset:", "directory:\n  page_sise: 10\n  preset:"),
        ("an unknown key", "openldap.yaml", "  bind:\n", "  bind:\n    password: hunter2\n"),
        ("a wrong type", "openldap.yaml", "  users:\n    base: ou=people,dc=example,dc=com", "  users: people"),
        ("a wrong type", "openldap.yaml", "protect_admins: true", "protect_admins: sometimes"),
        ("a wrong choice", "openldap.yaml", "mode: starttls", "mode: sometimes"),
        ("a missing required key", "openldap.yaml", "  url: ldap://ldap.example.com", "  # no url"),
        ("a missing required key", "openldap.yaml", "  - name: webex\n", "  - nom: webex\n"),
        ("an unknown mapping key", "zoom-mapping.yaml", "scope:\n  groups:", "scope:\n  grups:"),
        ("a wrong mapping type", "zoom-mapping.yaml", "user_type: basic", "user_type: [basic]"),
        ("a missing mapping key", "zoom-mapping.yaml", "    - group: zoom-basic", "    - grop: zoom-basic"),
        (
            "a GoTo key on a Zoom target", "openldap.yaml", "      account_id: CHANGE-ME\n",
            "      account_id: CHANGE-ME\n      personal_access_token_file: /etc/organizer-sync/secrets/goto-pat\n"
        ),
    ]

    @Test(
        "What the loader refuses (unknown key, wrong type, missing key), the schema refuses",
        arguments: badFiles.indices
    )
    func badFilesAreRefusedByBoth(index: Int) async throws {
        let (what, name, original, replacement) = Self.badFiles[index]
        let folder = try TemporaryDirectory(prefix: "schema")
        defer { folder.remove() }
        let examples = Self.root.appendingPathComponent("Examples/config")
        for file in try FileManager.default.contentsOfDirectory(atPath: examples.path) {
            try FileManager.default.copyItem(
                at: examples.appendingPathComponent(file),
                to: folder.url.appendingPathComponent(file)
            )
        }
        let changed = folder.url.appendingPathComponent(name)
        let text = try String(contentsOf: changed, encoding: .utf8)
        #expect(text.contains(original), "\(name) has no \(original)")
        try text.replacingOccurrences(of: original, with: replacement).write(
            to: changed,
            atomically: true,
            encoding: .utf8
        )

        let config = folder.url.appendingPathComponent("openldap.yaml").path
        let loaded = try await AccountsCommandTests.run(["validate", "--offline", "--config", config])
        #expect(loaded.status == 1)
        let refusal = name == "openldap.yaml" ? "configuration: FAILED" : "target zoom: mapping FAILED"
        #expect(loaded.stdout.contains(refusal), "the loader accepts \(what): \(loaded.stdout)")

        let schema = name == "openldap.yaml" ? "organizer-sync" : "mapping"
        let path = Self.root.appendingPathComponent("docs/schema/\(schema).schema.json").path
        let checked = try await Self.check(path, [changed.path])
        #expect(checked.status == 1, "the schema accepts \(what): \(checked.output)")
        #expect(checked.output.hasPrefix("invalid "))
    }
}
