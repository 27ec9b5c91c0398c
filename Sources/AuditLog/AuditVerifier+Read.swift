extension AuditVerifier {
    /// Verifies the log at `path` like ``verify(path:expecting:key:limit:)`` and, when it is intact, returns its
    /// records as well: one pass over the file for a report instead of two.
    /// - Parameters:
    ///   - path: the log file.
    ///   - expectation: the recorded head and the runs whose records may follow it.
    ///   - key: the audit key.
    /// - Returns: the verdict, and every record in file order when the log is intact (`nil` when it is broken:
    ///   the walk stopped at the problem, so read the whole file with ``AuditLogReader``).
    /// - Throws: ``AuditLogError`` when the file cannot be read.
    public static func verifyAndRead(
        path: String,
        expecting expectation: AuditHeadExpectation?,
        key: AuditKey?
    ) throws(AuditLogError) -> (verification: AuditVerification, records: [AuditRecord]?) {
        let reader: LineReader
        do throws(AuditLogError) {
            reader = try LineReader(path: path, limit: nil)
        } catch  where error.code == .notFound && (expectation?.head.seq ?? 0) > 0 {
            return (try verify(path: path, expecting: expectation, key: key), nil)
        }
        var walk = ChainWalk(path: path, expectation: expectation, key: key, reader: reader)
        walk.collected = []
        defer { walk.close() }
        let verification = try walk.run()
        return (verification, verification.isIntact ? walk.collected : nil)
    }
}
