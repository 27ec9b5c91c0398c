import ArgumentParser
import AuditLog
import AuditReporting
import Foundation
import OrganizerSyncCore
import SyncRuns

extension AuditCommand {
    /// `organizer-sync audit report`: who changed what and why in a period, with the proof that the log is whole,
    /// as one HTML file, Markdown or JSON.
    struct Report: OrganizerSyncCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report who changed what and why in a period: HTML, Markdown or JSON.",
            discussion: """
                The runs started in the period (--since, --until), who started them (user, host, scheduler), why \
                (--reason, --ticket), under which plan (digest, maker, approvals, overrides) and how they ended; \
                per run the changes with the directory's reason and, for failures, the provider's answer. The log \
                is verified first (the chain, the head the state store recorded, the audit key when configured, \
                --against files) and the report says how far it verified; a broken log is reported with a banner \
                at the top. html is one self-contained file (no external scripts, styles or fonts). --out writes \
                with mode 0600 (the report holds personal data). The JSON shape is in docs/audit-report.md.

                Exit codes: 0 written, 5 written but the log does not verify, 1 error.
                """
        )

        /// The report formats.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case html, markdown, json
        }

        @OptionGroup var global: GlobalOptions
        @OptionGroup var log: LogOptions
        @OptionGroup var proof: ProofOptions

        @Option(help: "Runs started at or after this time (ISO 8601: 2025-03-01 or 2025-03-01T09:30:00Z).")
        var since: String?

        @Option(help: "Runs started before this time (ISO 8601; exclusive).")
        var until: String?

        @Option(help: "Only changes at this target (repeat for several).")
        var target: [String] = []

        @Option(
            help: "Only changes of this kind: create, update, suspend, reactivate or delete (repeatable).",
            transform: { try AuditCommand.parse($0, as: AuditAction.self) }
        )
        var kind: [AuditAction] = []

        @Option(help: "html, markdown or json.")
        var format: Format = .html

        @Option(name: [.short, .customLong("out")], help: "Write to this file (mode 0600) instead of standard output.")
        var out: String?

        func validate() throws {
            for (name, value) in [("since", since), ("until", until)] {
                if let value, AuditTimestamp.parse(value) == nil {
                    throw ValidationError(
                        "--\(name) \(value): not an ISO 8601 date or time (2025-03-01, 2025-03-01T09:30:00Z)"
                    )
                }
            }
        }

        func execute() async throws -> ExitReason {
            let path = try log.path(global)
            let (verification, against, records) = try proof.verifyAndRead(path: path, global, log: log)
            // A broken log's walk stopped at the problem: read every record again, as show and export do.
            let contents = records == nil ? try AuditLogReader.read(path: path) : nil
            let report = AuditReport.build(
                from: AuditReport.Source(
                    records: records ?? contents?.entries.map(\.record) ?? [],
                    unreadableLines: contents?.unreadableLines ?? verification.sealedTornLines,
                    verification: verification,
                    against: against
                ),
                period: AuditReport.Period(
                    since: since,
                    until: until,
                    targets: target.sorted(),
                    kinds: kind.map(\.rawValue).sorted()
                ),
                since: since.flatMap(AuditTimestamp.parse),
                until: until.flatMap(AuditTimestamp.parse)
            )
            let text =
                switch format {
                case .json: try AuditReportRenderer.json(report)
                case .markdown: try AuditReportRenderer.markdown(report)
                case .html: try AuditReportRenderer.html(report)
                }
            if let out {
                try Export.writePrivately(Data(text.utf8), to: out)
                print(
                    "report of \(report.summary.runs) run(s) and \(report.summary.changes) change(s) written to \(out)"
                )
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            if !verification.isIntact {
                printError(
                    "warning: the audit log does not verify (BROKEN at \(verification.problem.map(String.init(describing:)) ?? "?")); the report says so"
                )
            }
            return verification.isIntact ? .success : .auditBroken
        }
    }
}
