/// The verdict on a log: intact, or the first problem.
public struct AuditVerification: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file verified.
    public var path: String
    /// The records read up to the end (intact) or up to the problem.
    public var recordCount: Int
    /// The lines read.
    public var lineCount: Int
    /// The last good record's seq and hash (the log's head when intact).
    public var head: AuditHead
    /// Things worth knowing that do not break the chain: torn lines sealed by a `recovered` record, a last record
    /// without its newline.
    public var notes: [String]
    /// The line numbers of torn lines sealed by a `recovered` record.
    public var sealedTornLines: [Int]
    /// The first problem; `nil` when the log is intact.
    public var problem: AuditProblem?
    /// Verified with a key: the checkpoints whose MAC verified.
    public var checkpointCount = 0
    /// Verified with a key: the record the last verified checkpoint covers (nothing up to it was rewritten).
    public var lastCheckpoint: AuditHead?
    /// Intents a crash left without an outcome that a later run found made (`recovered` with `intent_seq`).
    public var recoveredIntents = 0
    /// Intents a crash left without an outcome that a later run did not find made (`abandoned`).
    public var abandonedIntents = 0
    /// The seqs of intents with neither an outcome nor a resolution (a run killed since, not yet resolved).
    public var unresolvedIntents: [Int] = []

    /// Whether the chain verifies.
    public var isIntact: Bool { problem == nil }

    /// The verdict before any line of `path` is read: nothing read, no problem yet.
    static func nothingRead(_ path: String) -> AuditVerification {
        AuditVerification(path: path, recordCount: 0, lineCount: 0, head: .empty, notes: [], sealedTornLines: [])
    }

    /// `intact, N records, head seq S sha256 H` or `BROKEN at line L (seq S): …`.
    public var description: String {
        if let problem {
            return "BROKEN at \(problem)"
        }
        let proven = lastCheckpoint.map {
            ", \(checkpointCount) checkpoint(s) verified with the key up to seq \($0.seq)"
        }
        let resolved = recoveredIntents + abandonedIntents
        let intents =
            (resolved == 0
                ? ""
                : "; \(resolved) intent(s) left by a crash resolved: \(recoveredIntents) recovered, "
                    + "\(abandonedIntents) abandoned")
            + (unresolvedIntents.isEmpty
                ? ""
                : "; \(unresolvedIntents.count) intent(s) without an outcome yet (seq "
                    + unresolvedIntents.prefix(10).map(String.init).joined(separator: ", ")
                    + (unresolvedIntents.count > 10 ? ", …" : "") + ")")
        return "intact, \(recordCount) record\(recordCount == 1 ? "" : "s"), head seq \(head.seq) sha256 \(head.hash)"
            + (proven ?? "") + intents
    }
}
