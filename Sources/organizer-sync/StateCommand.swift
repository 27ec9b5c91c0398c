import ArgumentParser
import AuditLog
import Foundation
import SyncApply
import SyncConfiguration
import SyncRuns

/// `organizer-sync state`: look after the state store.
struct StateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state",
        abstract: "Look after the state store.",
        subcommands: [Rebuild.self]
    )

    /// `organizer-sync state rebuild --from-audit`.
    struct Rebuild: OrganizerSyncCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild a lost state store from the audit log.",
            discussion: """
                Makes the configured state store (which must be missing or empty) again from the audit log, whose \
                chain must verify: the managed links (directory anchor to provider id and email) from every \
                succeeded create, update, suspend, reactivate, delete and adoption, the suspension times and the \
                licences a suspend took away, each target's last in-scope count, the store's identity and \
                generation, and the log's head. The next plan then knows every account it managed: no duplicates.

                Exit codes: 0 rebuilt, 8 refused (a store with content exists, or the log does not verify), 1 error.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Flag(name: .customLong("from-audit"), help: "Rebuild from the audit log (the only source there is).")
        var fromAudit = false

        func validate() throws {
            guard fromAudit else { throw ValidationError("say where from: --from-audit") }
        }

        func execute() async throws -> ExitReason {
            do {
                let configuration = try global.loadConfiguration()
                let summary = try await StateRebuild.rebuild(
                    database: configuration.state.database,
                    auditLog: configuration.state.auditLog,
                    command: CommandLine.arguments.joined(separator: " "),
                    key: try configuration.audit.loadKey(),
                    headExport: configuration.audit.headExport(logger: global.makeLogger())
                )
                let targets = summary.accounts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
                print(
                    "state store \(configuration.state.database) rebuilt from \(summary.records) audit records: "
                        + "managed accounts \(targets.isEmpty ? "none" : targets.joined(separator: ", ")), "
                        + "\(summary.suspended) suspended; head seq \(summary.head.seq)"
                )
            }
            return .success
        }
    }
}
