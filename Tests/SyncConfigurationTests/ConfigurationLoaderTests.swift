import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncConfiguration
import Testing

/// Writes `yaml` to a fresh folder as organizer-sync.yaml and loads it with the repository's presets.
func load(_ yaml: String, files: [String: String] = [:]) throws -> Configuration {
    let folder = try TemporaryDirectory(prefix: "config")
    defer { folder.remove() }
    for (name, content) in files {
        try content.write(to: folder.url.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    let file = folder.url.appendingPathComponent("organizer-sync.yaml").path
    try yaml.write(toFile: file, atomically: true, encoding: .utf8)
    let mappings = SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path
    return try ConfigurationLoader(environment: ["ORGANIZER_SYNC_MAPPINGS": mappings]).load(file: file)
}

/// Loads and expects a configuration error.
func loadError(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ConfigurationError {
    do {
        _ = try load(yaml)
    } catch let error as ConfigurationError {
        return error
    }
    Issue.record("expected a configuration error", sourceLocation: sourceLocation)
    throw CancellationError()
}

let minimal = """
    directory:
      preset: openldap
      url: ldap://ldap.example.com
      tls:
        ca_file: ca.pem
      bind:
        dn: cn=reader,dc=example,dc=com
        password_env: LDAP_PASSWORD
      users:
        base: ou=people,dc=example,dc=com
      groups:
        base: ou=groups,dc=example,dc=com
    """

@Suite("Loading the configuration")
struct ConfigurationLoaderTests {
    @Test("A configuration file that is not there is named, with where a starter one comes from")
    func missingFileSaysWhatToDo() throws {
        let folder = try TemporaryDirectory(prefix: "config")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("organizer-sync.yaml").path
        let error = #expect(throws: ConfigurationError.self) { try ConfigurationLoader().load(file: file) }
        #expect(error?.code == .fileUnreadable)
        #expect(
            error?.description == "no file \(file): check the path (organizer-sync init writes a starter configuration)"
        )
    }

    @Test("A minimal file on the OpenLDAP preset gets the preset's schema and safe defaults")
    func minimalOpenLDAP() throws {
        let configuration = try load(minimal)
        let directory = configuration.directory
        #expect(directory.connection.tlsMode == .startTLS)
        #expect(directory.connection.verifyCertificate)
        #expect(directory.connection.followReferrals == false)
        #expect(directory.connection.caFile?.hasSuffix("/ca.pem") == true)
        #expect(directory.connection.bindPassword == .environment("LDAP_PASSWORD"))
        #expect(directory.pageSize == 1000)
        #expect(directory.schema.anchorAttribute == "entryUUID")
        #expect(directory.schema.memberUidAttributes == ["memberUid"])
        #expect(directory.users.filter == "(objectClass=inetOrgPerson)")
        #expect(configuration.directoryPresetFile?.hasSuffix("Mappings/sources/openldap.yaml") == true)
    }

    @Test("The Active Directory preset: objectGUID anchor, disabled bit, ldaps implied by the URL")
    func activeDirectory() throws {
        let yaml = minimal.replacingOccurrences(of: "preset: openldap", with: "preset: active-directory")
            .replacingOccurrences(of: "ldap://ldap.example.com", with: "ldaps://dc1.example.com")
        let directory = try load(yaml).directory
        #expect(directory.connection.tlsMode == .ldaps)
        #expect(directory.schema.anchorAttribute == "objectGUID")
        #expect(directory.schema.anchorFormat == .guid)
        #expect(directory.schema.disabledRules == [.bitmask(attribute: "userAccountControl", mask: 2)])
        #expect(directory.schema.emailAttributes == ["mail", "userPrincipalName"])
    }

    @Test("The file overrides any part of the preset; lists replace, mappings merge")
    func overrides() throws {
        let yaml =
            minimal + """

                  page_size: 250
                  schema:
                    email: [mail, mailAlternateAddress]
                    disabled_when:
                      - attribute: employeeType
                        equals: [disabled, leaver]
                """
        let directory = try load(yaml).directory
        #expect(directory.pageSize == 250)
        #expect(directory.schema.emailAttributes == ["mail", "mailAlternateAddress"])
        #expect(directory.schema.disabledRules == [.equals(attribute: "employeeType", values: ["disabled", "leaver"])])
        #expect(directory.schema.anchorAttribute == "entryUUID")  // still the preset's
    }

    @Test("An unknown key names the file, line, column and key path, and suggests the near one")
    func unknownKey() throws {
        let yaml = minimal.replacingOccurrences(of: "  bind:\n    dn:", with: "  bind:\n    dnn: x\n    dn:")
        let error = try loadError(yaml)
        #expect(error.code == .unknownKey)
        #expect(error.keyPath == "directory.bind.dnn")
        #expect(error.location?.line == 7)
        #expect(error.location?.file.hasSuffix("organizer-sync.yaml") == true)
        #expect(
            error.description.contains("organizer-sync.yaml:7:5: directory.bind.dnn: unknown key (did you mean 'dn'?)")
        )
    }

    @Test("A bind password written in the file gets the literal-secret message, not 'unknown key'")
    func literalBindPassword() throws {
        let yaml = minimal.replacingOccurrences(of: "password_env: LDAP_PASSWORD", with: "password: s3cr3t-value")
        let error = try loadError(yaml)
        #expect(error.code == .invalidValue)
        #expect(error.keyPath == "directory.bind.password")
        #expect(error.location?.line == 8)
        #expect(error.description.contains("password_env"))
        #expect(error.description.contains("password_file"))
        #expect(!error.description.contains("unknown key"))
        #expect(!error.description.contains("s3cr3t-value"))
    }

    @Test(
        "Bad values are errors naming the key",
        arguments: [
            ("url: ldap://ldap.example.com", "url: http://ldap.example.com", "directory.url", "ldap://"),
            ("ca_file: ca.pem", "ca_file: ca.pem\n    mode: tls13", "directory.tls.mode", "expected one of"),
            ("password_env: LDAP_PASSWORD", "password_env: LDAP PASSWORD", "directory.bind.password_env", "variable"),
            (
                "base: ou=people,dc=example,dc=com", "base: ou=people,dc=example,dc=com\n    scope: deep",
                "directory.users.scope", "subtree"
            ),
            ("preset: openldap", "preset: novell", "directory.preset", "available: active-directory, openldap"),
        ]
    )
    func badValues(original: String, replacement: String, keyPath: String, fragment: String) throws {
        let error = try loadError(minimal.replacingOccurrences(of: original, with: replacement))
        #expect(error.keyPath == keyPath)
        #expect(error.description.contains(fragment))
        #expect(error.location != nil)
    }

    @Test("A page size out of range, an unbalanced filter and a TLS mode that contradicts the URL are refused")
    func moreBadValues() throws {
        #expect(try loadError(minimal + "\n  page_size: 0").keyPath == "directory.page_size")
        let filter = minimal.replacingOccurrences(
            of: "base: ou=groups,dc=example,dc=com",
            with: "base: ou=groups,dc=example,dc=com\n    filter: \"(cn=a\""
        )
        #expect(try loadError(filter).keyPath == "directory.groups.filter")
        let mode = minimal.replacingOccurrences(of: "ca_file: ca.pem", with: "ca_file: ca.pem\n    mode: ldaps")
        #expect(try loadError(mode).description.contains("ldaps:// URL"))
    }

    @Test("Both password_env and password_file is a conflict; a bind dn without a password is missing one")
    func passwordReferences() throws {
        let both = minimal.replacingOccurrences(
            of: "password_env: LDAP_PASSWORD",
            with: "password_env: LDAP_PASSWORD\n    password_file: secret.txt"
        )
        #expect(try loadError(both).code == .conflict)
        let none = minimal.replacingOccurrences(of: "    password_env: LDAP_PASSWORD\n", with: "")
        #expect(try loadError(none).code == .missingKey)
    }

    @Test("YAML syntax errors carry the line")
    func syntax() throws {
        let error = try loadError("directory:\n  url: [unclosed\n  users: {}\n")
        #expect(error.code == .syntax)
        #expect(error.location?.line != nil)
        #expect(error.description.hasPrefix(error.location!.description))
    }

    @Test("Required sections are named when missing")
    func missing() throws {
        #expect(try loadError("version: 1\n").keyPath == "directory")
        let noUsers = minimal.replacingOccurrences(of: "  users:\n    base: ou=people,dc=example,dc=com\n", with: "")
        #expect(try loadError(noUsers).keyPath == "directory.users.base")
        #expect(try loadError("version: 2\n" + minimal).keyPath == "version")
    }

    @Test("A missing configuration file is a clear error")
    func missingFile() throws {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationLoader().load(file: "/nonexistent/organizer-sync.yaml")
        }
    }

    @Test("Secrets resolve from the environment or a file, and never print")
    func secrets() throws {
        let secret = try SecretReference.environment("X_PASSWORD").resolve(environment: ["X_PASSWORD": "hunter2"])
        #expect(secret.value == "hunter2")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect(throws: SecretError.self) { try SecretReference.environment("X_PASSWORD").resolve(environment: [:]) }
        let folder = try TemporaryDirectory(prefix: "secret")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("s").path
        try SecretFiles.save("from-file\n", to: file)
        #expect(try SecretReference.file(file).resolve().value == "from-file")
    }
}
