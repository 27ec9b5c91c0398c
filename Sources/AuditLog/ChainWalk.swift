/// One pass over a log for ``AuditVerifier``: the state between lines, and the classification of the first
/// record that does not fit.
struct ChainWalk {
    /// A record that fitted the chain.
    struct Good {
        var line: Int
        var seq: Int
        var hash: String
        var prev: String
    }

    /// A parsed line.
    typealias Item = (line: LogLine, parsed: ParsedLine)

    private let path: String
    let expectation: AuditHeadExpectation?
    private var expectedHead: AuditHead? { expectation?.head }
    let key: AuditKey?
    /// After the first checkpoint: the run-end record (line) still waiting for its checkpoint.
    var runEndAwaitingCheckpoint: Int?
    private var reader: LineReader
    private var lookahead: Item?
    /// The last record that fitted the chain.
    private(set) var last: Good?
    /// Lines since the last good record that are not records.
    private var pending: [Item] = []
    /// What became of each intent.
    private var intents = IntentLedger()
    var verification: AuditVerification
    /// Every record parsed, in file order, when the caller wants them (``AuditVerifier/verifyAndRead(path:expecting:key:)``).
    var collected: [AuditRecord]?

    init(path: String, expectation: AuditHeadExpectation?, key: AuditKey? = nil, reader: LineReader) {
        self.path = path
        self.expectation = expectation
        self.key = key
        self.reader = reader
        self.verification = AuditVerification.nothingRead(path)
    }

    func close() {
        reader.close()
    }

    mutating func run() throws(AuditLogError) -> AuditVerification {
        while let (line, parsed) = try nextItem() {
            guard case .record(let record, let hash) = parsed else {
                pending.append((line, parsed))
                continue
            }
            if !pending.isEmpty {
                if let problem = seal(by: record, at: line) { return broken(problem) }
            } else if record.type == .recovered, record.intentSeq == nil {
                return broken(
                    AuditProblem(
                        kind: .removed,
                        line: line.number,
                        seq: record.seq,
                        detail: "this recovered record seals line \(record.tornLine ?? 0) "
                            + "(\(record.tornBytes ?? 0) bytes), which is no longer in the log"
                    )
                )
            }
            let expectedSeq = (last?.seq ?? 0) + 1
            guard record.seq == expectedSeq, record.prev == (last?.hash ?? AuditHead.zeroHash) else {
                return broken(try classify(record, hash: hash, at: line))
            }
            if let expectedHead, record.seq == expectedHead.seq, hash != expectedHead.hash {
                return broken(
                    AuditProblem(
                        kind: .headMismatch,
                        line: line.number,
                        seq: record.seq,
                        detail: "its SHA-256 \(hash) is not the recorded head's \(expectedHead.hash): "
                            + "the record was edited (or the log rewritten from here)"
                    )
                )
            }
            if let problem = checkExtension(record, at: line.number) ?? checkCheckpoint(record, at: line.number) {
                return broken(problem)
            }
            last = Good(line: line.number, seq: record.seq, hash: hash, prev: record.prev)
            intents.note(record)
            verification.recordCount += 1
            verification.head = AuditHead(seq: record.seq, hash: hash)
            if !line.isTerminated {
                verification.notes.append(
                    "line \(line.number): the last record has no final newline (the record is whole; the next "
                        + "writer adds the newline)"
                )
            }
        }
        if let first = pending.first {
            return broken(problem(for: first, why: "nothing follows it"))
        }
        verification.recoveredIntents = intents.recovered
        verification.abandonedIntents = intents.abandoned
        verification.unresolvedIntents = intents.unresolved.map(\.seq)
        if let problem = finalCheckpointProblem() { return broken(problem) }
        if let expectedHead, (last?.seq ?? 0) < expectedHead.seq {
            let seq = last?.seq ?? 0
            return broken(
                AuditProblem(
                    kind: .truncated,
                    line: verification.lineCount + 1,
                    seq: nil,
                    missing: (seq + 1)...expectedHead.seq,
                    detail: "the log ends at seq \(seq)"
                        + (last.map { " (line \($0.line))" } ?? "")
                        + ", but seq \(expectedHead.seq) was recorded as its head: records seq "
                        + "\(seq + 1)…\(expectedHead.seq) were cut off"
                )
            )
        }
        return verification
    }

    // MARK: Reading

    mutating func nextItem() throws(AuditLogError) -> Item? {
        if let item = lookahead {
            lookahead = nil
            return item
        }
        guard let line = try reader.next() else { return nil }
        verification.lineCount = line.number
        let parsed = ParsedLine(line.bytes)
        if collected != nil, case .record(let record, _) = parsed { collected?.append(record) }
        return (line, parsed)
    }

    /// The next line, if it is a record, without consuming it.
    mutating func peekRecord() throws(AuditLogError) -> (line: Int, record: AuditRecord, hash: String)? {
        if lookahead == nil { lookahead = try nextItem() }
        guard let item = lookahead, case .record(let record, let hash) = item.parsed else { return nil }
        return (item.line.number, record, hash)
    }

    private mutating func broken(_ problem: AuditProblem) -> AuditVerification {
        verification.problem = problem
        return verification
    }

    // MARK: Torn lines

    /// Checks that `record` (at `line`) is a `recovered` record sealing the pending lines; the problem if not.
    private mutating func seal(by record: AuditRecord, at line: LogLine) -> AuditProblem? {
        let first = pending[0]
        guard record.type == .recovered else {
            return problem(
                for: first,
                why: "the record after it (line \(line.number)) is of type \(record.type), not recovered"
            )
        }
        var region: [UInt8] = []
        for item in pending { region += item.line.bytes + [UInt8(ascii: "\n")] }
        // The writer adds the newline that ends torn bytes unless they ended in one; either way it hashes the
        // bytes it found.
        let matchesWhole = record.tornBytes == region.count && record.tornSHA256 == AuditRecord.hash(ofLine: region)
        let withoutNewline = region.dropLast()
        let matchesAdded =
            record.tornBytes == withoutNewline.count && record.tornSHA256 == AuditRecord.hash(ofLine: withoutNewline)
        guard record.tornLine == first.line.number, matchesWhole || matchesAdded else {
            return problem(
                for: first,
                why: "the recovered record at line \(line.number) names line \(record.tornLine ?? 0) "
                    + "(\(record.tornBytes ?? 0) bytes) with other content"
            )
        }
        verification.sealedTornLines.append(first.line.number)
        verification.notes.append(
            "line \(first.line.number): a torn line (\(region.count - 1) bytes"
                + (pending.count > 1 ? " over \(pending.count) lines" : "")
                + ") sealed by the recovered record at line \(line.number) (seq \(record.seq))"
        )
        pending = []
        return nil
    }

    /// The problem for a line that is not a record and is not sealed.
    private func problem(for item: Item, why: String) -> AuditProblem {
        let size = "\(item.line.bytes.count) bytes" + (item.line.isTerminated ? "" : ", no final newline")
        if case .malformed(let reason) = item.parsed, item.line.isTerminated {
            return AuditProblem(
                kind: .malformed,
                line: item.line.number,
                seq: nil,
                detail: "JSON but not a record (\(reason)); \(why)"
            )
        }
        return AuditProblem(
            kind: .torn,
            line: item.line.number,
            seq: nil,
            detail: "not a whole record (\(size)) and no recovered record seals it: \(why)"
        )
    }
}
