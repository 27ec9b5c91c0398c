public import AuditLog
import Foundation
public import Logging
import OrganizerSyncCore
import StateStore
public import SyncApply
public import SyncConfiguration

extension RunSession {
    /// Opens the run session the configuration describes: its state store, audit log, runs folder, audit key and
    /// head export.
    ///
    /// The run's id is the logger's `run_id` (so that every log line of the run carries the id the
    /// audit log and the state store record), or a new one.
    public static func open(
        _ configuration: Configuration,
        command: String,
        newState: Bool,
        logger: Logger
    ) throws -> RunSession {
        try RunSession(
            database: configuration.state.database,
            auditLog: configuration.state.auditLog,
            command: command,
            runsFolder: configuration.state.runsFolder,
            allowNewState: newState,
            auditKey: try configuration.audit.loadKey(),
            headExport: configuration.audit.headExport(logger: logger),
            id: logger[metadataKey: "run_id"].map { "\($0)" }
        )
    }
}

extension AuditConfiguration {
    /// Where each run's final head goes besides the state store: syslog, `head_file`, `head_command`.
    public func headExport(logger: Logger) -> HeadExport {
        HeadExport(toSyslog: toSyslog, file: headFile, command: headCommand, logger: logger)
    }
}

extension AuditConfiguration {
    /// The audit key read from its reference; `nil` when none is configured.
    /// - Throws: the secret's error, or a `ValidationError`-like message for a key that is too short.
    public func loadKey() throws -> AuditKey? {
        guard let key else { return nil }
        let secret = try key.resolve()
        guard let loaded = AuditKey(bytes: Array(secret.value.utf8)) else {
            throw AuditKeyError(
                description: "the audit key (\(key)) is shorter than \(AuditKey.minimumLength) bytes; make one "
                    + "with: (umask 077; head -c 32 /dev/urandom | base64 > FILE)"
            )
        }
        return loaded
    }
}

/// An audit key that cannot be used (its value never appears).
struct AuditKeyError: Error, CustomStringConvertible {
    var description: String
}
