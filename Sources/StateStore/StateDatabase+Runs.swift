public import Foundation
import GRDB
public import OrganizerSyncCore

extension StateDatabase {
    /// Records the start of a run (only the start fields of `run` are read).
    /// - Parameter run: the run; its ``RunRecord/id`` must be new.
    /// - Throws: ``StateStoreError`` `duplicateRun` when the id is already recorded; `writeFailed`.
    public func beginRun(_ run: RunRecord) throws(StateStoreError) {
        guard !run.id.isEmpty else { throw StateStoreError(.invalidValue, path: path, reason: "an empty run id") }
        let path = path
        try write("record the start of run \(run.id)") { db in
            let exists = try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM run WHERE id = ?)",
                arguments: [run.id]
            )
            guard exists != true else {
                throw StateStoreError(.duplicateRun, path: path, reason: "run \(run.id) is already recorded")
            }
            try db.execute(
                sql: """
                    INSERT INTO run (id, command, started_at, user, host, config_digest, plan_digest)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.id, run.command, run.startedAt.timeIntervalSince1970, run.user, run.host, run.configDigest,
                    run.planDigest,
                ]
            )
        }
    }

    /// Records the end of a run and, when given, the audit log's head at that moment, in one transaction.
    /// - Parameters:
    ///   - id: the run's id, as given to ``beginRun(_:)``.
    ///   - finished: when it ended.
    ///   - result: how it ended.
    ///   - counts: the results per status.
    ///   - auditHead: the seq and hash of the audit log's last record, which ``lastAuditHead()`` then returns.
    /// - Throws: ``StateStoreError`` `unknownRun` when no run has that id; `writeFailed`.
    public func finishRun(
        id: String,
        finished: Date,
        result: RunOutcome,
        counts: [String: Int],
        auditHead: (seq: Int, hash: String)?
    ) throws(StateStoreError) {
        let path = path
        let countsJSON = Self.json(counts)
        let head = auditHead.map { AuditHead(seq: $0.seq, hash: $0.hash) }
        try write("record the end of run \(id)") { db in
            try db.execute(
                sql: """
                    UPDATE run SET finished_at = ?, result = ?, counts = ?, audit_seq = ?, audit_hash = ?
                    WHERE id = ?
                    """,
                arguments: [finished.timeIntervalSince1970, result.rawValue, countsJSON, head?.seq, head?.hash, id]
            )
            guard db.changesCount > 0 else {
                throw StateStoreError(.unknownRun, path: path, reason: "no run \(id) was recorded to finish")
            }
            if let head {
                try db.execute(
                    sql: """
                        INSERT INTO audit_head (id, seq, hash, run_id, recorded_at) VALUES (1, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
                            run_id = excluded.run_id, recorded_at = excluded.recorded_at
                        """,
                    arguments: [head.seq, head.hash, id, Date().timeIntervalSince1970]
                )
            }
        }
    }

    /// The most recent runs, newest first (by start time, then by the order they were recorded).
    /// - Parameter limit: how many at most; zero or less gives none.
    /// - Returns: the runs, newest first.
    /// - Throws: ``StateStoreError`` `readFailed`, or `corrupt` when stored counts cannot be decoded.
    public func runs(limit: Int) throws(StateStoreError) -> [RunRecord] {
        guard limit > 0 else { return [] }
        let path = path
        return try read("read the run history") { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, command, started_at, user, host, config_digest, plan_digest, finished_at, result,
                        counts, audit_seq, audit_hash
                    FROM run ORDER BY started_at DESC, rowid DESC LIMIT ?
                    """,
                arguments: [limit]
            )
            return try rows.map { row in
                var counts: [String: Int] = [:]
                if let json: String = row[9] {
                    guard let decoded = try? JSONDecoder().decode([String: Int].self, from: Data(json.utf8)) else {
                        throw StateStoreError(
                            .corrupt,
                            path: path,
                            reason: "run \(row[0] as String): its counts are not a JSON object of integers"
                        )
                    }
                    counts = decoded
                }
                var result: RunOutcome?
                if let text: String = row[8] {
                    guard let outcome = RunOutcome(rawValue: text) else {
                        throw StateStoreError(
                            .corrupt,
                            path: path,
                            reason: "run \(row[0] as String): its result is not one of \(RunOutcome.allCases)"
                        )
                    }
                    result = outcome
                }
                return RunRecord(
                    id: row[0],
                    command: row[1],
                    startedAt: Date(timeIntervalSince1970: row[2]),
                    user: row[3],
                    host: row[4],
                    configDigest: row[5],
                    planDigest: row[6],
                    finishedAt: (row[7] as Double?).map(Date.init(timeIntervalSince1970:)),
                    result: result,
                    counts: counts,
                    auditSeq: row[10],
                    auditHash: row[11]
                )
            }
        }
    }

    /// The audit log head recorded by the last ``finishRun(id:finished:result:counts:auditHead:)`` that gave
    /// one (in the order they were written, not by clock), for `audit verify` to detect trailing records cut
    /// off; `nil` when no run recorded one.
    /// - Throws: ``StateStoreError`` `readFailed`.
    public func lastAuditHead() throws(StateStoreError) -> (seq: Int, hash: String)? {
        let head = try read("read the audit log head") { db in
            try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_head WHERE id = 1")
                .map { AuditHead(seq: $0[0], hash: $0[1]) }
        }
        return head.map { ($0.seq, $0.hash) }
    }

    /// `value` as JSON with sorted keys; `nil` when empty.
    static func json(_ value: [String: Int]) -> String? {
        guard !value.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// The audit log head as the store keeps it (a Sendable value to carry out of a read).
private struct AuditHead: Sendable {
    var seq: Int
    var hash: String
}
