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

        @Option(
            name: .customLong("expect-head"),
            help: ArgumentHelp(
                "The head the log must reach: SEQ:SHA256 of the last record recorded after the last run.",
                valueName: "seq:hash"
            ),
            transform: AuditCommand.parseHead
        )
        var expectHead: AuditHead?

        @Option(
            name: .customLong("state"),
            help: ArgumentHelp("The state store whose recorded head the log must reach.", valueName: "database")
        )
        var stateDatabase: String?

        @Option(help: "Output: text (the verdict) or json.")
        var format: ReportFormat = .text

        @Option(
            name: .customLong("key-file"),
            help: ArgumentHelp("The audit key: verify every checkpoint's MAC.", valueName: "file")
        )
        var keyFile: String?

        @Option(
            name: .customLong("against"),
            help: ArgumentHelp(
                "Head lines the runs sent off the machine (journal export or audit.head_file); repeatable.",
                valueName: "file"
            )
        )
        var against: [String] = []

        /// The head the log must reach: --expect-head, else the one recorded by --state's store, else (without
        /// --log) the configured state store's, if it exists.
        func expectedHead() throws -> AuditHeadExpectation? {
            if let expectHead { return AuditHeadExpectation(head: expectHead) }
            var database = stateDatabase
            if database == nil, log.file == nil {
                let configured = try global.loadConfiguration().state.database
                if FileManager.default.fileExists(atPath: configured) { database = configured }
            }
            guard let database else { return nil }
            guard FileManager.default.fileExists(atPath: database) else {
                throw CommandError(.invalidOption, "no state store at \(database)")
            }
            return try StateDatabase(path: database).recordedAuditHead().map {
                AuditHeadExpectation(head: AuditHead(seq: $0.seq, hash: $0.hash), openRuns: $0.openRuns)
            }
        }

        /// The key: --key-file, else (without --log) the configured one.
        func key() throws -> AuditKey? {
            if let keyFile { return try AuditConfiguration(key: .file(keyFile)).loadKey() }
            guard log.file == nil else { return nil }
            return try global.loadConfiguration().audit.loadKey()
        }

        func execute() async throws -> ExitReason {
            let path = try log.path(global)
            var verification = try AuditVerifier.verify(path: path, expecting: try expectedHead(), key: try key())
            for file in against where verification.problem == nil {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                verification.problem = try AuditVerifier.check(
                    path: path,
                    against: AuditHeadLine.parse(text).heads,
                    source: file
                )
            }
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
