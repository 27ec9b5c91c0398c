import ArgumentParser
import AuditLog
import Foundation
import OrganizerSyncCore
import SyncRuns

extension AuditCommand {
    /// `organizer-sync audit show`: the records that match, as a table or as JSON Lines.
    struct Show: OrganizerSyncCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show audit records filtered by time, run, target, account, action and type.",
            discussion: """
                --format json prints the matching lines exactly as they are in the log (JSON Lines). A log whose \
                chain does not verify is still shown, with a warning on standard error. Exit codes: 0 shown, \
                1 error.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var log: LogOptions
        @OptionGroup var filters: FilterOptions

        @Option(help: "Output: text (a table) or json (JSON Lines, the records' exact lines).")
        var format: ReportFormat = .text

        func execute() async throws -> ExitReason {
            let contents = try AuditCommand.readForDisplay(path: try log.path(global), query: filters.query)
            switch format {
            case .json:
                for entry in contents.entries { print(entry.text) }
            case .text:
                print(Self.table(contents), terminator: "")
            }
            return .success
        }

        /// Seq, time, run, type, target, action, email (or the account's id) and result (for a `recovered` or
        /// `abandoned` intent, the intent's seq), then a count.
        static func table(_ contents: AuditLogReader.Contents) -> String {
            let rows = contents.entries.map { entry in
                let record = entry.record
                return [
                    String(record.seq), record.time, record.run, record.type.rawValue, record.target ?? "-",
                    record.action?.rawValue ?? "-", record.email ?? record.providerId ?? record.anchor ?? "-",
                    record.result?.rawValue ?? record.intentSeq.map { "intent \($0)" } ?? "-",
                ]
            }
            let table = TextTable(
                header: ["SEQ", "TIME", "RUN", "TYPE", "TARGET", "ACTION", "EMAIL", "RESULT"],
                rows: rows
            )
            return table.render() + "records: \(contents.entries.count) of \(contents.recordCount)\n"
        }
    }
}
