import Foundation
import Logging
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncConfiguration
import Synchronization
import Testing

@testable import LDAPDirectory

/// The DC shared by the read-only tests of this process (started on first use, stopped at exit).
func dc() async throws -> SambaDC {
    try await SambaDC.shared()
}

/// Writes a configuration for `dc` (`preset: active-directory`, svc-reader) and loads it the way the
/// command does.
///
/// `bind` replaces the bind DN and password file; `tls` is `ldaps`, `starttls` or `none`.
func loadConfiguration(
    _ dc: SambaDC,
    tls: String = "ldaps",
    usersBase: String? = nil,
    bind: (dn: String, passwordFile: String)? = nil
) throws -> DirectoryConfiguration {
    var section = dc.directoryYAML(tls: tls == "none" ? "starttls" : tls, usersBase: usersBase)
    if tls == "none" {
        section = section.replacingOccurrences(of: "mode: starttls", with: "mode: none")
    }
    if let bind {
        section = section.replacingOccurrences(of: "dn: \(dc.readerDN)", with: "dn: \(bind.dn)")
            .replacingOccurrences(
                of: "password_file: \(dc.readerPasswordFile)",
                with: "password_file: \(bind.passwordFile)"
            )
    }
    let folder = try TemporaryDirectory(prefix: "ad-config")
    defer { folder.remove() }
    let file = folder.url.appendingPathComponent("organizer-sync.yaml").path
    let yaml =
        "mappings_dir: \(SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path)\n" + section + "\n"
    try yaml.write(toFile: file, atomically: true, encoding: .utf8)
    return try ConfigurationLoader().load(file: file).directory
}

/// Reads `configuration`, recording the operation of every page (the groups' ranged follow-ups
/// among them).
func read(_ configuration: DirectoryConfiguration) async throws -> (snapshot: DirectorySnapshot, operations: [String]) {
    let operations = Mutex<[String]>([])
    var reader = DirectoryReader(configuration: configuration, logger: Logger(label: "ad-test"))
    reader.pageObserver = { operation, _ in operations.withLock { $0.append(operation) } }
    let snapshot = try await reader.read()
    return (snapshot, operations.withLock { $0 })
}

/// Reads and expects an `LDAPError`; returns it.
func expectLDAPError(
    _ configuration: DirectoryConfiguration,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> LDAPError {
    do {
        let snapshot = try await DirectoryReader(configuration: configuration, logger: Logger(label: "ad-test")).read()
        Issue.record("expected an error, got \(snapshot.users.count) users", sourceLocation: sourceLocation)
        throw CancellationError()
    } catch let error as LDAPError {
        return error
    }
}

extension DirectorySnapshot {
    /// The usernames of a group's (transitive) members, sorted.
    func memberNames(of group: String) throws -> [String] {
        let byAnchor = Dictionary(uniqueKeysWithValues: users.map { ($0.anchor, $0.username ?? "") })
        return try self.group(group).members.map { byAnchor[$0] ?? "?" }.sorted()
    }
}

/// The values of `attribute` in ldapsearch's unwrapped LDIF output, in order.
func values(of attribute: String, in ldif: String) -> [String] {
    let prefix = attribute.lowercased() + ": "
    return ldif.split(separator: "\n").compactMap { line in
        line.lowercased().hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : nil
    }
}
