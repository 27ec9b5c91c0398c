import ArgumentParser
import AuditLog
import Foundation
import OrganizerSyncCore
import StateStore
import SyncApply
import SyncConfiguration
import SyncRuns

extension AuditCommand {
    /// `organizer-sync audit verify`: prove the chain, or name the first broken line.
    struct Verify: OrganizerSyncCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove the audit log's hash chain, or name the first record edited, removed, reordered, "
                + "inserted or torn.",
            discussion: """
                Reads the whole log and checks that every record carries the next seq and the SHA-256 of the line \
                before it. Torn lines that a later run sealed with a recovered record are listed as notes. The \
                chain alone cannot show whole records cut off the end or an edited last record: the head the \
                state store recorded after the last run can. It is read from the configured state store when \
                --log is not given, from --state DATABASE, or given as --expect-head SEQ:SHA256.

                Exit codes: 0 intact, 5 broken, 1 error (the log cannot be read).
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var log: LogOptions

        @OptionGroup var proof: ProofOptions

        @Option(help: "Output: text (the verdict) or json.")
        var format: ReportFormat = .text

        func execute() async throws -> ExitReason {
            let path = try log.path(global)
            let verification = try proof.verify(path: path, global, log: log).verification
            switch format {
            case .text: print(Self.render(verification), terminator: "")
            case .json: print(try Self.json(verification))
            }
            return verification.isIntact ? .success : .auditBroken
        }

        /// `audit log PATH: intact, …` or `audit log PATH: BROKEN at line …`, then the notes.
        static func render(_ verification: AuditVerification) -> String {
            var text = "audit log \(verification.path): \(verification)\n"
            for note in verification.notes { text += "note: \(note)\n" }
            return text
        }

        static func json(_ verification: AuditVerification) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(verification), as: UTF8.self)
        }
    }
}
