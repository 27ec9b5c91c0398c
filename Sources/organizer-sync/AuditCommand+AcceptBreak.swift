import ArgumentParser
import AuditLog
import Foundation
import SyncApply
import SyncConfiguration
import SyncRuns

extension AuditCommand {
    /// `organizer-sync audit accept-break --reason TEXT`: record a broken chain deliberately, so runs may go on.
    struct AcceptBreak: OrganizerSyncCommand {
        static let configuration = CommandConfiguration(
            commandName: "accept-break",
            abstract: "Record that a broken audit chain was examined and accepted, so that runs may append again.",
            discussion: """
                A run refuses to append to an audit log that does not reach the head the state store recorded \
                (cut, deleted, replaced or extended behind its back; exit 5). After examining it (audit verify), \
                an administrator runs this: it appends an accept-break record saying what was found (the first bad \
                line, the head expected and found) and who accepted it (user, host) with the reason given, and \
                records the new head. Nothing else resumes a broken chain. A log that fits is left alone.

                Exit codes: 0 accepted (or nothing to accept), 4 another run holds the lock, 1 error.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: "Why the break is accepted (written in the record).")
        var reason: String

        func validate() throws {
            guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw ValidationError("--reason must say why the break is accepted")
            }
        }

        func execute() async throws -> ExitReason {
            let logger = global.makeLogger()
            do {
                let configuration = try global.loadConfiguration()
                let outcome = try await BreakAcceptance.accept(
                    database: configuration.state.database,
                    auditLog: configuration.state.auditLog,
                    reason: reason,
                    command: CommandLine.arguments.joined(separator: " "),
                    key: try configuration.audit.loadKey(),
                    headExport: configuration.audit.headExport(logger: logger)
                )
                guard let record = outcome.record else {
                    print("audit log \(configuration.state.auditLog): \(outcome.verification); nothing to accept")
                    return .success
                }
                print(
                    "audit log \(configuration.state.auditLog): \(outcome.verification)\n"
                        + "accepted: accept-break record seq \(record.seq) written (user \(record.user ?? ""), host "
                        + "\(record.host ?? "")); runs may append again"
                )
            }
            return .success
        }
    }
}
