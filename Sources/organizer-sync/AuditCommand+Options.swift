import ArgumentParser
import AuditLog
import Foundation
import SyncConfiguration

extension AuditCommand {
    /// Where the log is: `--log`, else the configuration's `state.audit_log`.
    struct LogOptions: ParsableArguments {
        @Option(
            name: .customLong("log"),
            help: ArgumentHelp(
                "The audit log file.",
                discussion: "Defaults to state.audit_log of the configuration (state/audit.jsonl beside it).",
                valueName: "file"
            )
        )
        var file: String?

        /// The log's path.
        ///
        /// Reads the configuration only when `--log` is not given.
        func path(_ global: GlobalOptions) throws -> String {
            if let file { return file }
            return try global.loadConfiguration().state.auditLog
        }
    }

    /// The filters `show` and `export` share; they become an ``AuditQuery``.
    struct FilterOptions: ParsableArguments {
        @Option(help: "Records written at or after this time (ISO 8601: 2025-03-01 or 2025-03-01T09:30:00Z).")
        var since: String?

        @Option(help: "Records written before this time (ISO 8601; exclusive).")
        var until: String?

        @Option(help: "Records of this run id (repeat for several).")
        var run: [String] = []

        @Option(help: "Records about this target (repeat for several).")
        var target: [String] = []

        @Option(help: "Records about this account: an email, a provider id or a directory anchor (repeatable).")
        var account: [String] = []

        @Option(
            help: "Records of this action: create, update, suspend, reactivate or delete (repeatable).",
            transform: { try AuditCommand.parse($0, as: AuditAction.self) }
        )
        var action: [AuditAction] = []

        @Option(
            help: "Records of this type: run-start, intent, outcome, run-end or recovered (repeatable).",
            transform: { try AuditCommand.parse($0, as: AuditRecord.Kind.self) }
        )
        var type: [AuditRecord.Kind] = []

        func validate() throws {
            for (name, value) in [("since", since), ("until", until)] {
                if let value, AuditTimestamp.parse(value) == nil {
                    throw ValidationError(
                        "--\(name) \(value): not an ISO 8601 date or time (2025-03-01, 2025-03-01T09:30:00Z, "
                            + "2025-03-01T11:30:00+02:00)"
                    )
                }
            }
        }

        /// The query these options describe.
        var query: AuditQuery {
            AuditQuery(
                since: since.flatMap(AuditTimestamp.parse),
                until: until.flatMap(AuditTimestamp.parse),
                runs: Set(run),
                targets: Set(target),
                accounts: account,
                actions: Set(action),
                types: Set(type)
            )
        }
    }

    /// Reads the log for `show` and `export`: the matching records, with a warning on standard error when the
    /// chain does not verify or lines were skipped (the records are still shown: an auditor may need them most
    /// then).
    static func readForDisplay(path: String, query: AuditQuery) throws -> AuditLogReader.Contents {
        let contents = try AuditLogReader.read(path: path, matching: query)
        let verification = try AuditVerifier.verify(path: path)
        if let problem = verification.problem {
            printError(
                "warning: the audit log's chain does not verify (BROKEN at \(problem)); "
                    + "run organizer-sync audit verify"
            )
        }
        if !contents.unreadableLines.isEmpty {
            let lines = contents.unreadableLines.prefix(10).map(String.init).joined(separator: ", ")
            printError(
                "warning: \(contents.unreadableLines.count) line(s) are not records and were skipped (line \(lines)"
                    + (contents.unreadableLines.count > 10 ? ", …)" : ")")
            )
        }
        return contents
    }
}

extension AuditCommand {
    /// Reads an option's value as one of `type`'s cases, or says which values are allowed.
    static func parse<Value: RawRepresentable & CaseIterable>(_ text: String, as type: Value.Type) throws -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("'\(text)' is not one of \(allowed)")
        }
        return value
    }

    /// Reads `--expect-head SEQ:HASH`.
    static func parseHead(_ text: String) throws -> AuditHead {
        guard let head = AuditHead(parsing: text) else {
            throw ValidationError("'\(text)' is not SEQ:HASH (a seq, a colon and 64 hex digits)")
        }
        return head
    }
}
