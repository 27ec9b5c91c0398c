import Foundation
import LDAPDirectory
import Logging
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncConfiguration
import Testing

/// One slapd with `Tests/Fixtures/directory.ldif` shared by the read-only tests.
///
/// Tests that stop or
/// kill a server start their own.
let sharedServer = Task { try await SlapdServer.start() }

func server() async throws -> SlapdServer {
    try await sharedServer.value
}

/// How a test connects.
enum Transport {
    case startTLS, ldaps, mismatchStartTLS, mismatchLDAPS

    func url(_ server: SlapdServer) -> String {
        switch self {
        case .startTLS: server.url
        case .ldaps: server.ldapsURL
        case .mismatchStartTLS: server.mismatchStartTLSURL
        case .mismatchLDAPS: server.mismatchURL
        }
    }
}

/// Writes a configuration file for `server` (the OpenLDAP preset, the reader identity, and the
/// fixture's disabled rule) and loads it the way the command does.
func loadConfiguration(
    _ server: SlapdServer,
    transport: Transport = .startTLS,
    caFile: String? = nil,
    bindDN: String? = nil,
    passwordFile: String? = nil,
    extraDirectoryYAML: String = "",
    usersYAML: String = "",
    disabledRule: String = "  schema:\n    disabled_when:\n      - attribute: employeeType\n        equals: disabled\n"
) throws -> DirectoryConfiguration {
    let folder = try TemporaryDirectory(prefix: "directory-config")
    let file = folder.url.appendingPathComponent("organizer-sync.yaml").path
    let yaml = """
        mappings_dir: \(SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path)
        directory:
          preset: openldap
          url: \(transport.url(server))
          tls:
            ca_file: \(caFile ?? server.caFile)
          bind:
            dn: \(bindDN ?? server.readerDN)
            password_file: \(passwordFile ?? server.readerPasswordFile)
          page_size: 100
          users:
            base: ou=people,\(server.base)
        \(usersYAML)
          groups:
            base: ou=groups,\(server.base)
        \(extraDirectoryYAML)\(disabledRule)
        """
    try yaml.write(toFile: file, atomically: true, encoding: .utf8)
    defer { folder.remove() }
    return try ConfigurationLoader().load(file: file).directory
}

func makeReader(_ configuration: DirectoryConfiguration) -> DirectoryReader {
    DirectoryReader(configuration: configuration, logger: Logger(label: "test"))
}

/// Reads and expects an `LDAPError`; returns it.
func expectLDAPError(
    _ configuration: DirectoryConfiguration,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> LDAPError {
    do {
        let snapshot = try await makeReader(configuration).read()
        Issue.record(
            "expected an error, got a snapshot of \(snapshot.users.count) users",
            sourceLocation: sourceLocation
        )
        throw CancellationError()
    } catch let error as LDAPError {
        return error
    }
}
