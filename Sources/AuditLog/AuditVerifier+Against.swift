extension AuditVerifier {
    /// Checks the log at `path` against head lines sent off the machine (``AuditHeadLine``): the log must hold,
    /// for each, a record with its seq whose line has its hash.
    /// - Parameters:
    ///   - path: the log file.
    ///   - heads: the head lines (from a journal export or the head file).
    ///   - source: the file the head lines came from, for the message.
    /// - Returns: the first head line the log contradicts or does not reach, as a problem; `nil` when all fit.
    /// - Throws: ``AuditLogError`` when the file cannot be read.
    public static func check(
        path: String,
        against heads: [AuditHeadLine],
        source: String
    ) throws(AuditLogError) -> AuditProblem? {
        var wanted: [Int: AuditHeadLine] = [:]
        for head in heads where wanted[head.head.seq] == nil { wanted[head.head.seq] = head }
        guard !wanted.isEmpty else { return nil }
        var reader = try LineReader(path: path)
        defer { reader.close() }
        var lastSeq = 0
        var lines = 0
        while let line = try reader.next() {
            lines = line.number
            guard case .record(let record, let hash) = ParsedLine(line.bytes) else { continue }
            lastSeq = max(lastSeq, record.seq)
            guard let head = wanted.removeValue(forKey: record.seq) else { continue }
            if hash != head.head.hash {
                return AuditProblem(
                    kind: .headMismatch,
                    line: line.number,
                    seq: record.seq,
                    detail: "\(source) line \(head.line) says run \(head.run) ended at seq \(head.head.seq) with "
                        + "SHA-256 \(head.head.hash), but this record's is \(hash): the log was rewritten"
                )
            }
        }
        guard let missing = wanted.values.min(by: { $0.head.seq < $1.head.seq }) else { return nil }
        return AuditProblem(
            kind: .truncated,
            line: lines + 1,
            seq: nil,
            missing: (lastSeq + 1)...max(lastSeq + 1, missing.head.seq),
            detail: "\(source) line \(missing.line) says run \(missing.run) ended at seq \(missing.head.seq), but "
                + "the log ends at seq \(lastSeq): records were cut off"
        )
    }
}
