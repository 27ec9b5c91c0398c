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
    /// With `--new-state`: what was found, written in the run-start record.
    public let newStateNote: String?
    /// Intents that runs killed since the last run that ended (however many in a row) left without an outcome,
    /// to be resolved by this run.
    public let leftovers: LeftoverIntents
    private let lock: StateLock
    private let auditKey: AuditKey?
    private let headExport: HeadExport

    /// Takes the lock, checks the state store against the audit log's history (``StateStoreGuard``), opens the
    /// store, records the run, and opens the audit log checked against the head the store recorded (sealing a
    /// torn last line only after that head).
    /// - Parameters:
    ///   - database: the state store file.
    ///   - auditLog: the audit log file.
    ///   - command: the command line, recorded in the lock file for the refusal message.
    ///   - runsFolder: where reconcile keeps its runs (history a lost store is checked against).
    ///   - allowNewState: `--new-state`: go on although the store was lost or replaced.
    ///   - auditKey: the audit key; each run then ends with a checkpoint.
    ///   - headExport: where each run's final head goes besides the state store.
    ///   - id: the run's id when the caller made one already (its log lines carry it); letters, digits, `T`, `Z`
    ///     and `-` only, else a new one is made.
    /// - Throws: `StateLockError` when another run holds the lock; `StateStoreError` `refused` for a lost or
    ///   replaced store; `AuditLogError` `chainBroken` for a log that does not fit the recorded head; state store
    ///   and audit log errors.
    public init(
        database: String,
        auditLog: String,
        command: String,
        runsFolder: String? = nil,
        allowNewState: Bool = false,
        auditKey: AuditKey? = nil,
        headExport: HeadExport = HeadExport(),
        id: String? = nil
    ) throws {
        lock = try StateLock.acquire(databasePath: database, command: command)
        self.auditKey = auditKey
        self.headExport = headExport
        var recorded: StateDatabase?
        let id =
            id.flatMap { given in
                given.count <= 64 && given.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                    ? given : nil
            } ?? Self.makeID()
        self.id = id
        do {
            let verdict = try StateStoreGuard.check(
                database: database,
                auditLog: auditLog,
                runsFolder: runsFolder ?? (database as NSString).deletingLastPathComponent + "/runs",
                allowNew: allowNewState,
                create: true
            )
            guard let store = verdict.store else { throw StateStoreGuard.refusal(database, "cannot be created") }
            if verdict.needsNewIdentity { try store.startNewIdentity() }
            let who = AuditEvent.RunStart.current(
                arguments: [command],
                toolVersion: "",
                configDigest: nil,
                planDigest: nil
            )
            try store.beginRun(RunRecord(id: id, command: command, startedAt: Date(), user: who.user, host: who.host))
            recorded = store
            let recordedHead = try store.recordedAuditHead()
            let expectation = recordedHead.map {
                AuditHeadExpectation(head: AuditHead(seq: $0.seq, hash: $0.hash), openRuns: $0.openRuns.union([id]))
            }
            let writer = try AuditLogWriter.open(
                path: auditLog,
                run: id,
                expecting: verdict.newStateNote == nil ? expectation : nil
            )
            // The records after the last run that ended through its session are those of the runs killed since,
            // however many in a row (each recorded the head when it started, so the recorded head alone would
            // pass over the intents of all but the last); the head check proved the records after the recorded
            // head are theirs.
            var ledger = IntentLedger()
            if let recordedHead, verdict.newStateNote == nil {
                let settled = AuditHead(seq: min(recordedHead.lastSettledSeq, recordedHead.seq), hash: "")
                for record in try AuditLogReader.records(after: settled, path: auditLog) {
                    ledger.note(record)
                }
            }
            try store.recordAuditHead(seq: writer.head.seq, hash: writer.head.hash, run: id)
            state = store
            audit = writer
            newStateNote = verdict.newStateNote
            leftovers = LeftoverIntents(ledger.unresolved)
        } catch {
            // The run wrote nothing to the log: finished, so that it never counts as a run whose records may
            // follow the recorded head.
            try? recorded?.finishRun(id: id, finished: Date(), result: .failed, counts: [:], auditHead: nil)
            lock.release()
            throw error
        }
    }

    /// Writes the `run-start` records to the audit log and the state store's run history.
    ///
    /// The command line is
    /// recorded as given: it never holds a secret, since secrets are only read from files and the environment.
    /// - Parameters:
    ///   - toolVersion: organizer-sync's version.
    ///   - configDigest: the configuration's digest.
    ///   - planDigest: the digest of the plan the run applies.
    ///   - approvals: who vouched for the plan (its signer, its reviewers), for the `run-start` record.
    ///   - attribution: who started the run and why (reason, ticket, overrides, plan maker, scheduler).
    /// - Throws: state store errors (the generation cannot advance, the run cannot be recorded) and audit log
    ///   errors (the `run-start` record cannot be written).
    public func begin(
        toolVersion: String,
        configDigest: String,
        planDigest: String?,
        approvals: [String] = [],
        attribution: RunAttribution = RunAttribution()
    ) throws {
        let identity = try state.advanceGeneration(for: id)
        var start = AuditEvent.RunStart.current(
            arguments: CommandLine.arguments,
            toolVersion: toolVersion,
            configDigest: configDigest,
            planDigest: planDigest,
            approvals: approvals
        )
        start.stateId = identity.id
        start.stateGeneration = identity.generation
        start.note = newStateNote
        start.reason = attribution.reason
        start.ticket = attribution.ticket
        start.overrides = attribution.overrides
        start.planMaker = attribution.planMaker
        start.scheduler = attribution.scheduler
        try AuditTrail(writer: audit).runStart(start)
        try state.describeRun(id: id, configDigest: configDigest, planDigest: planDigest)
    }

    /// Releases the lock without writing a `run-end` record (the run wrote no `run-start`).
    public func abandon() { lock.release() }

    /// Writes the `run-end` records and releases the lock.
    /// - Parameters:
    ///   - result: how the run ended.
    ///   - counts: the results per status.
    /// - Throws: state store errors and audit log errors (the `run-end` or checkpoint record cannot be written);
    ///   the lock is released either way.
    public func finish(result: RunOutcome, counts: [String: Int]) async throws {
        defer { lock.release() }
        try leftovers.abandonUnresolved(
            trail: AuditTrail(writer: audit),
            reason: "the run ended (\(result)) before it listed the provider's accounts"
        )
        // Changes of this run whose outcome never came (a task cancelled mid-call, an error that is not the
        // provider's): resolved here, since the next run reads the log only from this run's end.
        try LeftoverIntents(audit.openIntents).abandonUnresolved(
            trail: AuditTrail(writer: audit),
            reason: "the run ended (\(result)) before the change's outcome was known"
        )
        let inScope = try state.lastInScopeCounts()
        try AuditTrail(writer: audit).runEnd(
            result: AuditResult(result),
            counts: counts,
            inScope: inScope.isEmpty ? nil : inScope
        )
        if let auditKey { try audit.append(.checkpoint(auditKey)) }
        let head = audit.head
        try state.finishRun(id: id, finished: Date(), result: result, counts: counts, auditHead: (head.seq, head.hash))
        await headExport.send(run: id, head: head)
    }

    /// A new run id: UTC time and a random suffix, sortable.
    public static func makeID() -> String {
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
        // Maintenance runs write their own records, never a run-end through a session.
        case .acceptedBreak, .rebuilt: self = .succeeded
        }
    }
}
