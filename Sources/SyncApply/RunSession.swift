public import AuditLog
import Foundation
public import OrganizerSyncCore
public import StateStore

/// One `apply` or `reconcile` run's hold on the state: the lock, the state store, the audit log, and the
/// `run-start` / `run-end` records in both.
///
/// The lock is taken first, so a second run on the same state is refused before it reads or writes anything.
public final class RunSession: Sendable {
    /// The run's id: UTC time and a random suffix, sortable (`20261123T214000Z-3f9c`).
    public let id: String
    /// The state store.
    public let state: StateDatabase
    /// The audit log.
    public let audit: AuditLogWriter
    private let lock: StateLock

    /// Takes the lock, then opens the state store and the audit log (sealing a torn last line).
    /// - Parameters:
    ///   - database: the state store file.
    ///   - auditLog: the audit log file.
    ///   - command: the command line, recorded in the lock file for the refusal message.
    /// - Throws: `StateLockError` when another run holds the lock; state store and audit log errors.
    public init(database: String, auditLog: String, command: String) throws {
        lock = try StateLock.acquire(databasePath: database, command: command)
        do {
            state = try StateDatabase(path: database)
            id = Self.makeID()
            audit = try AuditLogWriter.open(path: auditLog, run: id)
        } catch {
            lock.release()
            throw error
        }
    }

    /// Writes the `run-start` records to the audit log and the state store's run history. The command line is
    /// recorded as given: it never holds a secret, since secrets are only read from files and the environment.
    /// - Parameters:
    ///   - toolVersion: organizer-sync's version.
    ///   - configDigest: the configuration's digest.
    ///   - planDigest: the digest of the plan the run applies.
    ///   - approvals: who vouched for the plan (its signer, its reviewers), for the `run-start` record.
    public func begin(toolVersion: String, configDigest: String, planDigest: String?, approvals: [String] = []) throws {
        let start = AuditEvent.RunStart.current(
            arguments: CommandLine.arguments,
            toolVersion: toolVersion,
            configDigest: configDigest,
            planDigest: planDigest,
            approvals: approvals
        )
        try AuditTrail(writer: audit).runStart(start)
        try state.beginRun(
            RunRecord(
                id: id,
                command: start.command,
                startedAt: Date(),
                user: start.user,
                host: start.host,
                configDigest: configDigest,
                planDigest: planDigest
            )
        )
    }

    /// Releases the lock without writing a `run-end` record (the run wrote no `run-start`).
    public func abandon() { lock.release() }

    /// Writes the `run-end` records and releases the lock.
    /// - Parameters:
    ///   - result: how the run ended.
    ///   - counts: the results per status.
    public func finish(result: RunOutcome, counts: [String: Int]) throws {
        defer { lock.release() }
        try AuditTrail(writer: audit).runEnd(result: AuditResult(result), counts: counts)
        let head = audit.head
        try state.finishRun(id: id, finished: Date(), result: result, counts: counts, auditHead: (head.seq, head.hash))
    }

    static func makeID() -> String {
        let time = Date().formatted(
            Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().dateTimeSeparator(.standard).time(
                includingFractionalSeconds: false
            )
        )
        let compact = time.filter { $0.isNumber || $0 == "T" }
        return "\(compact)Z-\(String(UInt16.random(in: 0...UInt16.max), radix: 16))"
    }
}

extension AuditResult {
    /// The run-end record's result for a run's outcome (the raw values are the same words).
    init(_ outcome: RunOutcome) {
        switch outcome {
        case .succeeded: self = .succeeded
        case .partial: self = .partial
        case .blocked: self = .blocked
        case .failed: self = .failed
        case .interrupted: self = .interrupted
        }
    }
}
