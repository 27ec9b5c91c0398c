import AuditLog
import Foundation
import Logging
import OrganizerSyncCore
import StateStore
import SyncApply
import SyncConfiguration

extension RunSession {
    /// Opens the run session the configuration describes: its state store, audit log, runs folder, audit key and
    /// head export.
    static func open(
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
            headExport: HeadExport(
                toSyslog: configuration.audit.toSyslog,
                file: configuration.audit.headFile,
                command: configuration.audit.headCommand,
                logger: logger
            )
        )
    }
}

extension AuditConfiguration {
    /// The audit key read from its reference; `nil` when none is configured.
    /// - Throws: the secret's error, or a `ValidationError`-like message for a key that is too short.
    func loadKey() throws -> AuditKey? {
        guard let key else { return nil }
        let secret = try key.resolve()
        guard let loaded = AuditKey(bytes: Array(secret.value.utf8)) else {
            throw AuditKeyError(
                description: "the audit key (\(key)) is shorter than \(AuditKey.minimumLength) bytes; make one "
                    + "with: head -c 32 /dev/urandom | base64 > FILE"
            )
        }
        return loaded
    }
}

/// An audit key that cannot be used (its value never appears).
struct AuditKeyError: Error, CustomStringConvertible {
    var description: String
}

extension ExitCodes {
    /// The exit code of a refused state store (8) or a broken audit chain found when a run opens the log (5);
    /// `nil` for other errors.
    static func trustBoundary(_ error: any Error) -> Int32? {
        if let error = error as? StateStoreError, error.code == .refused { return stateRefused }
        if let error = error as? AuditLogError, error.code == .chainBroken { return auditBroken }
        return nil
    }
}
