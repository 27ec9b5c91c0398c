import ArgumentParser
import AuditLog
import Foundation
import OrganizerSyncCore
import StateStore
import SyncApply
import SyncConfiguration
import SyncRuns

extension AuditCommand {
    /// What `verify` and `report` check the log against besides its chain: the recorded head, the audit key,
    /// the heads sent off the machine.
    struct ProofOptions: ParsableArguments {
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
        func expectedHead(_ global: GlobalOptions, log: LogOptions) throws -> AuditHeadExpectation? {
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
        func key(_ global: GlobalOptions, log: LogOptions) throws -> AuditKey? {
            if let keyFile { return try AuditConfiguration(key: .file(keyFile)).loadKey() }
            guard log.file == nil else { return nil }
            return try global.loadConfiguration().audit.loadKey()
        }

        /// Verifies the log at `path` against everything given, and says what it was checked against besides its
        /// chain (for the report).
        func verify(
            path: String,
            _ global: GlobalOptions,
            log: LogOptions
        ) throws -> (
            verification: AuditVerification, against: [String]
        ) {
            let checked = try verifyAndRead(path: path, global, log: log)
            return (checked.verification, checked.against)
        }

        /// ``verify(path:_:log:)``, and the log's records when it is intact (read in the same pass).
        func verifyAndRead(
            path: String,
            _ global: GlobalOptions,
            log: LogOptions
        ) throws -> (
            verification: AuditVerification, against: [String], records: [AuditRecord]?
        ) {
            let expectation = try expectedHead(global, log: log)
            let key = try key(global, log: log)
            var (verification, records) = try AuditVerifier.verifyAndRead(path: path, expecting: expectation, key: key)
            var proofs: [String] = []
            if let head = expectation?.head { proofs.append("the head the state store recorded (\(head))") }
            if key != nil { proofs.append("the audit key's checkpoints") }
            for file in against where verification.problem == nil {
                let text = try String(contentsOfFile: file, encoding: .utf8)
                verification.problem = try AuditVerifier.check(
                    path: path,
                    against: AuditHeadLine.parse(text).heads,
                    source: file
                )
                proofs.append("the heads in \(file)")
            }
            return (verification, proofs, verification.isIntact ? records : nil)
        }
    }
}
