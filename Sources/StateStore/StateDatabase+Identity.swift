import Foundation
import GRDB
import OrganizerSyncCore

extension StateDatabase {
    /// The audit log's head as the store recorded it, and the runs that may have written records after it.
    public struct RecordedAuditHead: Sendable, Hashable {
        /// The head's seq.
        public var seq: Int
        /// The head's hash.
        public var hash: String
        /// The run that recorded it.
        public var run: String
        /// The runs started at or after that run that never finished (killed): their records may follow the head.
        public var openRuns: Set<String>
        /// The seq of the last record of the newest run that ended through its session, 0 when none did.
        ///
        /// Such a run resolved every intent before its end, so the intents that runs killed since left open
        /// (however many were killed in a row) all follow it. A `state rebuild` does not count: it resolves none.
        public var lastSettledSeq: Int
    }

    /// The store's identity and generation.
    /// - Throws: ``StateStoreError`` `readFailed`, or `corrupt` when the identity row is missing.
    public func identity() throws(StateStoreError) -> StoreIdentity {
        let path = path
        return try read("read the store's identity") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT uuid, generation FROM store_identity WHERE id = 1")
            else {
                throw StateStoreError(.corrupt, path: path, reason: "the store's identity row is missing")
            }
            return StoreIdentity(id: row[0], generation: row[1])
        }
    }

    /// Adds one to the generation, records it as `run`'s, and returns the identity with the new generation.
    /// - Parameter run: the run that writes (recorded by ``beginRun(_:)``).
    /// - Returns: the store's identity with the new generation.
    /// - Throws: ``StateStoreError`` `writeFailed`.
    public func advanceGeneration(for run: String) throws(StateStoreError) -> StoreIdentity {
        let path = path
        return try write("advance the store's generation") { db in
            try db.execute(sql: "UPDATE store_identity SET generation = generation + 1 WHERE id = 1")
            guard let row = try Row.fetchOne(db, sql: "SELECT uuid, generation FROM store_identity WHERE id = 1")
            else {
                throw StateStoreError(.corrupt, path: path, reason: "the store's identity row is missing")
            }
            let identity = StoreIdentity(id: row[0], generation: row[1])
            try db.execute(
                sql: "UPDATE run SET state_generation = ? WHERE id = ?",
                arguments: [identity.generation, run]
            )
            return identity
        }
    }

    /// Gives the store a new identity at generation 0 and forgets the recorded audit head: an administrator's
    /// `--new-state` over a store that is older than, or foreign to, the audit log.
    /// - Returns: the new identity.
    /// - Throws: ``StateStoreError`` `writeFailed`.
    @discardableResult
    public func startNewIdentity() throws(StateStoreError) -> StoreIdentity {
        let identity = StoreIdentity(id: UUID().uuidString.lowercased(), generation: 0)
        try write("give the store a new identity") { db in
            try db.execute(
                sql: "UPDATE store_identity SET uuid = ?, generation = 0, created_at = ? WHERE id = 1",
                arguments: [identity.id, Date().timeIntervalSince1970]
            )
            try db.execute(sql: "DELETE FROM audit_head")
        }
        return identity
    }

    /// Records `head` as the audit log's head, written by `run` (at the start of a run, after the log was opened
    /// and checked; ``finishRun(id:finished:result:counts:auditHead:)`` records the final one).
    /// - Throws: ``StateStoreError`` `writeFailed`.
    public func recordAuditHead(seq: Int, hash: String, run: String) throws(StateStoreError) {
        try write("record the audit log head") { db in
            try db.execute(
                sql: """
                    INSERT INTO audit_head (id, seq, hash, run_id, recorded_at) VALUES (1, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
                        run_id = excluded.run_id, recorded_at = excluded.recorded_at
                    """,
                arguments: [seq, hash, run, Date().timeIntervalSince1970]
            )
        }
    }

    /// The recorded head with the runs that may follow it; `nil` when no head was recorded.
    /// - Throws: ``StateStoreError`` `readFailed`.
    public func recordedAuditHead() throws(StateStoreError) -> RecordedAuditHead? {
        try read("read the audit log head") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT seq, hash, run_id FROM audit_head WHERE id = 1") else {
                return nil
            }
            let run: String = row[2]
            let open = try String.fetchAll(
                db,
                sql: """
                    SELECT id FROM run WHERE finished_at IS NULL
                    AND rowid >= COALESCE((SELECT rowid FROM run WHERE id = ?), 0)
                    """,
                arguments: [run]
            )
            // The newest finished run that recorded a head, read back by rowid: it is among the last rows.
            let settled = try Int.fetchOne(
                db,
                sql: """
                    SELECT audit_seq FROM run WHERE audit_seq IS NOT NULL AND result IS NOT ?
                    ORDER BY rowid DESC LIMIT 1
                    """,
                arguments: [RunOutcome.rebuilt.rawValue]
            )
            return RecordedAuditHead(
                seq: row[0],
                hash: row[1],
                run: run,
                openRuns: Set(open),
                lastSettledSeq: settled ?? 0
            )
        }
    }

    /// Every target's last in-scope count (targets without one are left out).
    /// - Throws: ``StateStoreError`` `readFailed`.
    public func lastInScopeCounts() throws(StateStoreError) -> [String: Int] {
        try read("read the last in-scope counts") { db in
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT target, last_in_scope_count FROM target_state WHERE last_in_scope_count IS NOT NULL"
            )
            return Dictionary(rows.map { ($0[0] as String, $0[1] as Int) }, uniquingKeysWith: { _, last in last })
        }
    }

    /// Takes `identity` as the store's own (``StateRebuild`` gives a rebuilt store the identity and generation
    /// the audit log's last run-start names, so that it is recognised as the store the log was written with).
    /// - Throws: ``StateStoreError`` `writeFailed`.
    public func adoptIdentity(_ identity: StoreIdentity) throws(StateStoreError) {
        try write("take the store's identity from the audit log") { db in
            try db.execute(
                sql: "UPDATE store_identity SET uuid = ?, generation = ? WHERE id = 1",
                arguments: [identity.id, identity.generation]
            )
        }
    }

    /// Sets the digests of a run recorded by ``beginRun(_:)`` before they were known.
    /// - Throws: ``StateStoreError`` `unknownRun`, `writeFailed`.
    public func describeRun(id: String, configDigest: String?, planDigest: String?) throws(StateStoreError) {
        let path = path
        try write("record the digests of run \(id)") { db in
            try db.execute(
                sql: "UPDATE run SET config_digest = ?, plan_digest = ? WHERE id = ?",
                arguments: [configDigest, planDigest, id]
            )
            guard db.changesCount > 0 else {
                throw StateStoreError(.unknownRun, path: path, reason: "no run \(id) was recorded")
            }
        }
    }
}
