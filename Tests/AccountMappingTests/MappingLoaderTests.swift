import AccountMapping
import Foundation
import MappingFiles
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncConfiguration
import Testing

/// Writes `yaml` as target.yaml in a fresh folder and loads it with the repository's presets.
func loadMapping(_ yaml: String, provider: ProviderKind? = nil) throws -> TargetMapping {
    let folder = try TemporaryDirectory(prefix: "mapping")
    defer { folder.remove() }
    let file = folder.url.appendingPathComponent("target.yaml").path
    try yaml.write(toFile: file, atomically: true, encoding: .utf8)
    return try repositoryLoader().load(file: file, provider: provider)
}

func repositoryLoader() -> MappingLoader {
    MappingLoader(mappingsFolders: [SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path])
}

/// Loads and expects a configuration error.
func mappingError(
    _ yaml: String,
    provider: ProviderKind? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
)
    throws -> ConfigurationError
{
    do {
        _ = try loadMapping(yaml, provider: provider)
    } catch let error as ConfigurationError {
        return error
    }
    Issue.record("expected a configuration error", sourceLocation: sourceLocation)
    throw CancellationError()
}

@Suite("Mapping files: presets, merge, strict keys, error locations")
struct MappingLoaderTests {
    @Test("The three provider presets load", arguments: ProviderKind.allCases)
    func presets(_ provider: ProviderKind) throws {
        let mapping = try repositoryLoader().loadPreset(provider.rawValue)
        #expect(mapping.provider == provider)
        #expect(mapping.fields.first?.name == "email")
        #expect(mapping.scope.includeDisabled == false)
        #expect(mapping.scope.groups.isEmpty)
        if provider == .zoom { #expect(mapping.licences.defaultGrant?.userType == "2") }
        let result = AccountMapper(mapping: mapping).map(Fixtures.snapshot([Fixtures.ada]))
        #expect(result.accounts.first?.fields.email == "ada.lovelace@example.com")
        #expect((result.accounts.first?.fields.displayName != nil) == (provider != .goto))
    }

    @Test("A file merges over its preset: mappings key by key, lists replaced, null removes a field")
    func presetMerge() throws {
        let mapping = try loadMapping(
            """
            preset: zoom
            scope:
              groups: [meeting-hosts, "cn=Sales,ou=groups,dc=example,dc=com"]
              filter: (!(employeeType=contractor))
            fields:
              dept: null
              job_title: title
              timezone: '"Europe/Berlin"'
            licences:
              rules:
                - group: webinar-hosts
                  user_type: licensed
                - group: sales
                  user_type: basic
            """,
            provider: .zoom
        )
        #expect(mapping.presetFile?.hasSuffix("Mappings/providers/zoom.yaml") == true)
        #expect(mapping.scope.groups.map(\.text) == ["meeting-hosts", "cn=Sales,ou=groups,dc=example,dc=com"])
        #expect(mapping.scope.filter?.source == "(!(employeeType=contractor))")
        let names = mapping.fields.map(\.name)
        #expect(names.contains("email") && names.contains("job_title") && names.contains("timezone"))
        #expect(!names.contains("dept"))
        #expect(mapping.licences.rules.map(\.grant.userType) == ["2", "1"])
        #expect(mapping.licences.defaultGrant?.userType == "2")
        #expect(
            mapping.referencedAttributes == [
                "displayname", "email", "employeetype", "givenname", "sn", "title",
            ]
        )
        let account = try #require(
            AccountMapper(mapping: mapping).map(Fixtures.snapshot([Fixtures.ada])).accounts.first
        )
        #expect(account.fields.fields == ["timezone": "Europe/Berlin", "job_title": "Analyst"])
        #expect(account.fields.userType == "2")
        #expect(account.licenceRule == "default")
    }

    @Test("Unknown keys name the file, line, column and a suggestion")
    func unknownKey() throws {
        let error = try mappingError(
            """
            preset: zoom
            scope:
              group: [meeting-hosts]
            """
        )
        #expect(error.code == .unknownKey)
        #expect(error.keyPath == "scope.group")
        #expect(error.location?.file.hasSuffix("target.yaml") == true)
        #expect(error.location?.line == 3)
        #expect(error.location?.column == 3)
        #expect(error.message.contains("did you mean 'groups'"))
    }

    @Test("An unknown key in a licence rule is located too")
    func unknownRuleKey() throws {
        let error = try mappingError(
            """
            preset: goto
            licences:
              rules:
                - group: hosts
                  licence: [K1]
            """
        )
        #expect(error.code == .unknownKey)
        #expect(error.keyPath == "licences.rules[0].licence")
        #expect(error.location?.line == 5)
    }

    struct Located: Sendable, CustomStringConvertible {
        var line: String
        var column: Int
        var message: String
        var description: String { line }
    }

    @Test(
        "Expression errors point at the character inside the YAML value",
        arguments: [
            Located(line: "  email: lower(mail", column: 20, message: "expected ',' or ')'"),
            Located(line: "  first_name: 'lowr(givenName)'", column: 16, message: "unknown function 'lowr'"),
            Located(line: "  last_name: \"\\\"a\\\" sn\"", column: 21, message: "expected the end"),
            Located(line: "  title: 'if(in_group(''x''), sn, mail, cn)'", column: 11, message: "takes 2 or 3"),
            Located(line: "  title: 'if(in_group(''x''), sn, lowr(cn))'", column: 35, message: "unknown function"),
            Located(line: "  dept: ${givenName} ${sn}", column: 9, message: "double-quoted"),
        ]
    )
    func expressionLocation(_ row: Located) throws {
        let error = try mappingError("provider: webex\nfields:\n\(row.line)\n")
        #expect(error.code == .invalidValue)
        #expect(error.location?.line == 3)
        #expect(error.location?.column == row.column, "\(error)")
        #expect(error.message.contains(row.message), "\(error.message)")
        #expect(error.description.contains("target.yaml:3:\(row.column): fields."))
    }

    @Test("An error in a block scalar is located on its line")
    func blockScalar() throws {
        let error = try mappingError("provider: zoom\nfields:\n  email: |\n    lower(mail))\n")
        #expect(error.location?.line == 4)
        #expect(error.location?.column == 16)
    }

    @Test("A bad scope filter is located inside the value")
    func filterLocation() throws {
        let error = try mappingError("preset: zoom\nscope:\n  filter: \"(department=Sales\"\n")
        #expect(error.keyPath == "scope.filter")
        #expect(error.location?.line == 3)
        #expect(error.location?.column == 12)
        #expect(error.message.contains("bad filter"))
    }

    @Test(
        "Invalid mappings are refused with the key at fault",
        arguments: [
            ("provider: zoom\nfields:\n  first_name: givenName\n", "fields.email", ConfigurationError.Code.missingKey),
            ("fields:\n  email: mail\n", "provider", .missingKey),
            ("preset: zoom\nlicences:\n  default:\n    licences: [L1]\n", "licences.default.licences", .invalidValue),
            (
                "preset: zoom\nlicences:\n  default:\n    user_type: premium\n", "licences.default.user_type",
                .invalidValue
            ),
            (
                "preset: goto\nlicences:\n  default:\n    user_type: basic\n", "licences.default.user_type",
                .invalidValue
            ),
            (
                "preset: goto\nlicences:\n  rules:\n    - group: a\n      licences: []\n", "licences.rules[0].licences",
                .invalidValue
            ),
            ("preset: webex\nlicences:\n  rules:\n    - licences: [L]\n", "licences.rules[0].group", .missingKey),
            ("preset: zoom\nfields:\n  user_type: '\"2\"'\n", "fields.user_type", .invalidValue),
            ("preset: zoom\nscope:\n  groups: []\n", "scope.groups", .invalidValue),
            ("preset: zoom\nscope:\n  include_disabled: maybe\n", "scope.include_disabled", .invalidValue),
            ("preset: zoom\nprovider: webex\n", "provider", .conflict),
            ("preset: zooom\n", "preset", .presetNotFound),
        ] as [(String, String, ConfigurationError.Code)]
    )
    func invalid(_ yaml: String, _ keyPath: String, _ code: ConfigurationError.Code) throws {
        let error = try mappingError(yaml, provider: yaml.contains("zoom") ? .zoom : nil)
        #expect(error.code == code, "\(error)")
        #expect(error.keyPath == keyPath, "\(error)")
        #expect(error.location != nil)
    }

    @Test("Unknown presets list the available ones")
    func unknownPreset() throws {
        let error = try mappingError("preset: zooom\n")
        #expect(error.message.contains("available: goto, webex, zoom"))
    }
}

@Suite("The example in Mappings/README.md")
struct ReadmeExampleTests {
    @Test("The README's mapping file loads and maps as it says")
    func readmeExample() throws {
        let readme = try String(
            contentsOf: SlapdServer.repositoryRoot().appendingPathComponent("Mappings/README.md"),
            encoding: .utf8
        )
        let start = try #require(readme.range(of: "```yaml\n"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let mapping = try loadMapping(String(readme[start.upperBound..<end.lowerBound]), provider: .zoom)
        #expect(!mapping.fields.contains { $0.name == "job_title" })
        let ada = Fixtures.user(
            "ada",
            groups: ["meeting-hosts"],
            ["mail": [" Ada@Example.com "], "givenName": ["Ada"], "sn": ["Lovelace"], "employeeType": ["staff"]]
        )
        let account = try #require(AccountMapper(mapping: mapping).map(Fixtures.snapshot([ada])).accounts.first)
        #expect(account.fields.email == "ada@example.com")
        #expect(account.fields.displayName == "Ada Lovelace")
        #expect(account.fields.fields == ["dept": "Unassigned", "timezone": "Europe/London"])
        #expect(account.fields.userType == "2")
        #expect(account.scopeReasons == ["group:meeting-hosts", "filter:(&(mail=*)(!(employeeType=contractor)))"])
    }

    @Test("The README's error example is what the loader says")
    func readmeError() throws {
        let error = try mappingError(
            """
            # zoom-mapping.yaml
            preset: zoom
            scope:
              groups: [meeting-hosts]
              filter: (mail=*)
              include_disabled: false
            fields:
              email: lower(mail)
              display_name: '"${givenName} ${sn}"'
              dept: defualt(department, "Unassigned")
            """
        )
        #expect(error.description.contains("target.yaml:10:9: fields.dept: bad expression: unknown function 'defualt'"))
    }
}
