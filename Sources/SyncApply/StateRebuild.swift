public import AuditLog
import Foundation
import OrganizerSyncCore
import StateStore

/// `state rebuild --from-audit`: a lost state store made again from the audit log.
///
/// Replays, in log order, what the log proves was done: each succeeded (or recovered) create, update, suspend,
/// reactivate and delete, and each adoption of an existing account, gives the managed links (anchor to provider
/// id and email), the suspension times (the outcome's time) and the licences a GoTo suspend took away; the last
/// run-end gives each target's in-scope count. The store takes the identity and generation of the log's last
/// run-start, and the log's head as its recorded head, so the next run continues the same history.
public enum StateRebuild {
    /// What was rebuilt.
    public struct Summary: Sendable, Hashable {
        /// The records read.
        public var records: Int
        /// The managed accounts per target.
        public var accounts: [String: Int]
        /// The suspended accounts among them.
        public var suspended: Int
        /// The head recorded.
        public var head: AuditHead
    }

    /// Rebuilds the store at `database` (which must be missing or empty) from the log at `auditLog`.
    /// - Parameters:
    ///   - database: the state store to make.
    ///   - auditLog: the audit log; its chain must verify.
    ///   - command: the command line, for the run history.
    ///   - key: the audit key: a checkpoint follows the rebuild's record.
    ///   - headExport: where the new head is sent.
    /// - Returns: what was rebuilt.
    /// - Throws: `StateStoreError` `refused` when a store with content exists or the log does not verify; state
    ///   store and audit log errors.
    public static func rebuild(
        database: String,
        auditLog: String,
        command: String,
        key: AuditKey? = nil,
        headExport: HeadExport = HeadExport()
    ) async throws -> Summary {
        let size = (try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? nil
        if let size, size > 0 {
            throw StateStoreGuard.refusal(
                database,
                "exists and is not empty; rebuild only makes a lost store: move this one away first"
            )
        }
        let verification = try AuditVerifier.verify(path: auditLog)
        if let problem = verification.problem {
            throw StateStoreError(
                refusing: database,
                reason: "not rebuilt: the audit log \(auditLog) does not verify (BROKEN at \(problem))"
            )
        }
        let contents = try AuditLogReader.read(path: auditLog)
        var replay = Replay()
        for entry in contents.entries { replay.apply(entry.record) }

        if size == 0 { try FileManager.default.removeItem(atPath: database) }
        let lock = try StateLock.acquire(databasePath: database, command: command)
        defer { lock.release() }
        let state = try StateDatabase(path: database)
        for (target, accounts) in replay.accounts {
            try state.saveManaged(contentsOf: accounts.values.sorted { $0.anchor < $1.anchor }, target: target)
        }
        for (target, count) in replay.inScope { try state.setLastInScopeCount(count, target: target) }
        if let identity = replay.identity { try state.adoptIdentity(identity) }
        let id = RunSession.makeID()
        let who = AuditEvent.RunStart.current(arguments: [command], toolVersion: "", configDigest: nil, planDigest: nil)
        try state.beginRun(RunRecord(id: id, command: command, startedAt: Date(), user: who.user, host: who.host))
        let accounts = replay.accounts.mapValues(\.count)
        let suspended = replay.accounts.values.reduce(0) { $0 + $1.values.count { $0.suspendedAt != nil } }
        // The rebuild is itself a record: who made the store again, from what, with which counts.
        let head: AuditHead
        do {
            let writer = try AuditLogWriter.open(
                path: auditLog,
                run: id,
                expecting: AuditHeadExpectation(head: verification.head)
            )
            defer { writer.close() }
            _ = try writer.append(
                .stateRebuild(
                    AuditEvent.StateRebuild(
                        command: command,
                        records: contents.recordCount,
                        accounts: accounts,
                        suspended: suspended,
                        stateId: replay.identity?.id,
                        stateGeneration: replay.identity?.generation
                    )
                )
            )
            if let key { _ = try writer.append(.checkpoint(key)) }
            head = writer.head
        } catch {
            try? state.finishRun(id: id, finished: Date(), result: .failed, counts: [:], auditHead: nil)
            throw error
        }
        try state.finishRun(id: id, finished: Date(), result: .rebuilt, counts: [:], auditHead: (head.seq, head.hash))
        await headExport.send(run: id, head: head)
        return Summary(records: contents.recordCount, accounts: accounts, suspended: suspended, head: head)
    }

    /// The state as the records so far say.
    struct Replay {
        var accounts: [String: [String: SyncState.ManagedAccount]] = [:]
        var inScope: [String: Int] = [:]
        var identity: StoreIdentity?

        mutating func apply(_ record: AuditRecord) {
            switch record.type {
            case .runStart:
                if let id = record.stateId, let generation = record.stateGeneration {
                    identity = StoreIdentity(id: id, generation: generation)
                }
            case .runEnd:
                if let counts = record.inScope { inScope.merge(counts) { _, new in new } }
            case .adoption:
                guard let target = record.target, let anchor = record.anchor, let email = record.email else { return }
                var account =
                    accounts[target]?[anchor]
                    ?? SyncState.ManagedAccount(anchor: anchor, providerID: nil, email: email)
                account.providerID = record.providerId ?? account.providerID
                account.email = email
                accounts[target, default: [:]][anchor] = account
            case .outcome, .recovered:
                guard record.type == .recovered || record.result == .succeeded, let action = record.action,
                    let target = record.target, let anchor = record.anchor
                else { return }
                change(action, target: target, anchor: anchor, record: record)
            default:
                return
            }
        }

        private mutating func change(_ action: AuditAction, target: String, anchor: String, record: AuditRecord) {
            if action == .delete || action == .withdrawInvitation {
                accounts[target]?[anchor] = nil
                return
            }
            var account =
                accounts[target]?[anchor]
                ?? SyncState.ManagedAccount(anchor: anchor, providerID: nil, email: record.email ?? "")
            account.providerID = record.providerId ?? account.providerID
            if let email = record.after?["email"] ?? record.email { account.email = email }
            switch action {
            case .suspend:
                account.suspendedAt = AuditTimestamp.parse(record.time)?.timeIntervalSince1970
                account.suspendedLicences =
                    record.after?[ProviderAccount.suspendedLicencesField]?.split(separator: ",").map(String.init) ?? []
            case .reactivate:
                account.suspendedAt = nil
                account.suspendedLicences = []
            default:
                break
            }
            accounts[target, default: [:]][anchor] = account
        }
    }
}
