/// Proves a log's chain, or names the first line where it breaks.
///
/// Reads the file once, front to back, in chunks (memory stays flat), hashing every line and checking that each
/// record's `seq` is the previous record's plus one and its `prev` the previous line's SHA-256. Where a record
/// does not fit, the record after it decides what happened (see ``AuditProblem/Kind``):
/// - skipping the line, the chain continues intact: the line was **inserted** (or, when it chains from the
///   next record, the two lines were **reordered**);
/// - the seq fits but `prev` does not: the line before was **edited** (or this line's own `prev`, when the next
///   record does not chain from this one either);
/// - the seq jumps: records were **removed**, unless a missing seq turns up further down (**reordered**) or the
///   record chains from the previous one all the same (its seq was **edited**);
/// - the seq goes backwards or repeats: **reordered** (or **inserted**, for a second record chaining from the
///   same predecessor).
///
/// Lines that are not records (torn writes) must be followed by a `recovered` record that names the first of
/// them and the SHA-256 of their bytes; such lines are listed as notes. A chain without a key proves order and
/// integrity only up to its last record: cutting whole records off the end, or editing the last record, shows
/// only against the head recorded elsewhere (`expectedHead`, which the state store keeps after every run).
public enum AuditVerifier {
    /// Verifies the log at `path`.
    /// - Parameters:
    ///   - path: the log file.
    ///   - expectedHead: the head recorded after the last run, if known: the log must reach its seq, and the
    ///     record with that seq must have that hash.
    /// - Returns: the verdict. A broken log is a verdict, not an error.
    /// - Throws: ``AuditLogError`` when the file cannot be read (`notFound` for a missing file, unless
    ///   `expectedHead` says records should be there: that is a `truncated` verdict).
    public static func verify(path: String, expectedHead: AuditHead? = nil) throws(AuditLogError) -> AuditVerification {
        try verify(path: path, expecting: expectedHead.map { AuditHeadExpectation(head: $0) }, key: nil)
    }

    /// Verifies the log at `path` against what the state store recorded and, with the audit key, its checkpoints.
    /// - Parameters:
    ///   - path: the log file.
    ///   - expectation: the recorded head and the runs whose records may follow it; records after the head from
    ///     any other run are a problem (``AuditProblem/Kind/extended``).
    ///   - key: the audit key: every checkpoint must verify, every run since the first checkpoint must end with
    ///     one, and the log must hold at least one.
    ///   - limit: read only the first `limit` bytes (the writer leaves out a torn last line it will seal).
    /// - Returns: the verdict.
    /// - Throws: ``AuditLogError`` when the file cannot be read.
    public static func verify(
        path: String,
        expecting expectation: AuditHeadExpectation?,
        key: AuditKey?,
        limit: Int? = nil
    ) throws(AuditLogError) -> AuditVerification {
        let expectedHead = expectation?.head
        let reader: LineReader
        do throws(AuditLogError) {
            reader = try LineReader(path: path, limit: limit)
        } catch  where error.code == .notFound && (expectedHead?.seq ?? 0) > 0 {
            var verification = AuditVerification.nothingRead(path)
            let seq = expectedHead?.seq ?? 0
            verification.problem = AuditProblem(
                kind: .truncated,
                line: 1,
                seq: nil,
                missing: 1...seq,
                detail: "the log file is missing, but seq \(seq) was recorded as its head"
            )
            return verification
        }
        var walk = ChainWalk(path: path, expectation: expectation, key: key, reader: reader)
        defer { walk.close() }
        return try walk.run()
    }
}
