import ArgumentParser
import Foundation
import LDAPDirectory
import Logging
import OrganizerSyncCore
import SyncConfiguration
import SyncRuns

/// `organizer-sync directory`: the users in scope, as the directory reader sees them.
struct DirectoryCommand: OrganizerSyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "directory",
        abstract: "Read the directory and list the users in scope with anchor, email, status and groups."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Output: table, json, or summary (counts only).")
    var format: OutputFormat = .table

    func execute() async throws -> ExitReason {
        let (logger, configuration) = try global.loggerAndConfiguration()
        let snapshot = try await DirectoryReader(configuration: configuration.directory, logger: logger).read()
        switch format {
        case .json:
            var writer = SnapshotJSONWriter()
            try writer.write(snapshot)
        case .summary: print(SnapshotRendering.summary(snapshot))
        case .table: print(SnapshotRendering.table(snapshot), terminator: "")
        }
        for warning in snapshot.warnings { logger.warning("\(warning.text)") }
        logger.debug("malloc arenas: \(MallocTuning.arenaCount.map(String.init) ?? "unknown")")
        SnapshotLifetime.keepUntilExit(snapshot)
        return .success
    }
}

/// Text forms of a directory snapshot.
enum SnapshotRendering {
    static func summary(_ snapshot: DirectorySnapshot) -> String {
        let disabled = snapshot.users.count { !$0.isEnabled }
        let withoutEmail = snapshot.users.count { $0.email == nil }
        return """
            users: \(snapshot.users.count) (enabled \(snapshot.users.count - disabled), disabled \(disabled), \
            without email \(withoutEmail))
            groups: \(snapshot.groups.count)
            warnings: \(snapshot.warnings.count)
            """
    }

    static func table(_ snapshot: DirectorySnapshot) -> String {
        let names = Dictionary(snapshot.groups.map { ($0.dn, $0.name) }, uniquingKeysWith: { first, _ in first })
        let rows = snapshot.users.map { user in
            [
                user.anchor, user.username ?? "-", user.email ?? "-", user.isEnabled ? "enabled" : "disabled",
                user.groups.map { names[$0] ?? $0 }.joined(separator: ","),
            ]
        }
        return TextTable(header: ["ANCHOR", "USERNAME", "EMAIL", "STATUS", "GROUPS"], rows: rows).render()
            + "\(snapshot.users.count) users, \(snapshot.groups.count) groups\n"
    }
}
