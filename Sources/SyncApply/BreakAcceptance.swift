public import AuditLog
import Foundation
import OrganizerSyncCore
import StateStore

/// `audit accept-break`: the one way past a log that does not fit the head the state store recorded.
///
/// Verifies the log against the recorded head; when it is broken, appends an `accept-break` record that says
/// what was found (the first bad line, the head expected and the head found) and who accepted it (operating
/// system user and host) with their reason, then records the new head in the store. Junk after the last good
/// record is kept and sealed by a `recovered` record first, so it stays evidence. A log that fits is left alone.
public enum BreakAcceptance {
    /// What the acceptance did.
    public struct Outcome: Sendable {
        /// The verdict found before anything was written.
        public var verification: AuditVerification
        /// The `accept-break` record written; `nil` when the log was intact.
        public var record: AuditRecord?
    }

    /// Accepts the break in the log at `auditLog` against the store at `database`.
    /// - Parameters:
    ///   - database: the state store (it must exist: a lost store is rebuilt, not accepted).
    ///   - auditLog: the audit log.
    ///   - reason: the administrator's reason, written in the record.
    ///   - command: the command line, for the lock note and the run history.
    ///   - key: the audit key: a checkpoint follows the record.
    ///   - headExport: where the new head is sent.
    /// - Returns: the verdict and the record written.
    /// - Throws: `StateLockError`, state store and audit log errors.
    public static func accept(
        database: String,
        auditLog: String,
        reason: String,
        command: String,
        key: AuditKey?,
        headExport: HeadExport
    ) async throws -> Outcome {
        guard FileManager.default.fileExists(atPath: database) else {
            throw StateStoreGuard.refusal(database, "is missing; there is no recorded head to accept a break against")
        }
        let lock = try StateLock.acquire(databasePath: database, command: command)
        defer { lock.release() }
        let state = try StateDatabase(path: database)
        let recorded = try state.recordedAuditHead()
        let expectation = recorded.map {
            AuditHeadExpectation(head: AuditHead(seq: $0.seq, hash: $0.hash), openRuns: $0.openRuns)
        }
        let verification = try AuditVerifier.verify(path: auditLog, expecting: expectation, key: nil)
        guard let problem = verification.problem else { return Outcome(verification: verification, record: nil) }

        let id = RunSession.makeID()
        let who = AuditEvent.RunStart.current(arguments: [command], toolVersion: "", configDigest: nil, planDigest: nil)
        try state.beginRun(RunRecord(id: id, command: command, startedAt: Date(), user: who.user, host: who.host))
        let writer: AuditLogWriter
        do {
            writer = try AuditLogWriter.open(path: auditLog, run: id)
        } catch {
            try? state.finishRun(id: id, finished: Date(), result: .failed, counts: [:], auditHead: nil)
            throw error
        }
        defer { writer.close() }
        let record = try writer.append(
            .acceptBreak(
                AuditEvent.AcceptBreak(
                    reason: reason,
                    problem: "BROKEN at \(problem)",
                    brokenLine: problem.line,
                    expectedHead: recorded.map { "\($0.seq):\($0.hash)" },
                    foundHead: verification.head.description
                )
            )
        )
        if let key { try writer.append(.checkpoint(key)) }
        let head = writer.head
        try state.finishRun(
            id: id,
            finished: Date(),
            result: .acceptedBreak,
            counts: [:],
            auditHead: (head.seq, head.hash)
        )
        await headExport.send(run: id, head: head)
        return Outcome(verification: verification, record: record)
    }
}
