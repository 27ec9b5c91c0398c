extension ChainWalk {
    /// Names what happened at `line`, whose `record` (hashing to `hash`) does not fit after the last good record.
    mutating func classify(_ record: AuditRecord, hash: String, at line: LogLine) throws(AuditLogError) -> AuditProblem
    {
        let expectedSeq = (last?.seq ?? 0) + 1
        let expectedPrev = last?.hash ?? AuditHead.zeroHash
        let previous = last.map { "seq \($0.seq) (line \($0.line))" } ?? "the start of the log"
        let here = line.number
        let next = try peekRecord()

        // Without this line the chain goes on intact: it was inserted, or it belongs after the next line.
        if let next, next.record.seq == expectedSeq, next.record.prev == expectedPrev {
            if record.seq == expectedSeq + 1, record.prev == next.hash {
                return AuditProblem(
                    kind: .reordered,
                    line: here,
                    seq: record.seq,
                    detail: "lines \(here) and \(next.line) are swapped: seq \(record.seq) comes before "
                        + "seq \(next.record.seq)"
                )
            }
            return AuditProblem(
                kind: .inserted,
                line: here,
                seq: record.seq,
                detail: "the line does not belong: without it the chain continues intact from \(previous) "
                    + "to line \(next.line)"
            )
        }

        if record.seq == expectedSeq {
            // The seq fits, `prev` does not. If the next record does not chain from this one either, this line's
            // own bytes (its `prev`) changed; otherwise the line before changed.
            if let next, next.record.seq == record.seq + 1, next.record.prev != hash {
                return AuditProblem(
                    kind: .edited,
                    line: here,
                    seq: record.seq,
                    detail: "its prev does not match the SHA-256 of \(previous), and the next record (line "
                        + "\(next.line)) does not chain from it either"
                )
            }
            guard let last else {
                return AuditProblem(
                    kind: .edited,
                    line: here,
                    seq: record.seq,
                    detail: "the first record's prev is not 64 zeros"
                )
            }
            return AuditProblem(
                kind: .edited,
                line: last.line,
                seq: last.seq,
                detail: "its SHA-256 \(last.hash) does not match the prev of the next record (line \(here), "
                    + "seq \(record.seq))"
            )
        }

        if record.prev == expectedPrev {
            // It chains from the previous record but carries another seq: its seq was changed.
            return AuditProblem(
                kind: .edited,
                line: here,
                seq: record.seq,
                detail: "it chains from \(previous) but says seq \(record.seq) instead of \(expectedSeq)"
            )
        }

        if record.seq > expectedSeq {
            let missing = expectedSeq...(record.seq - 1)
            if let found = try findLater(in: missing) {
                return AuditProblem(
                    kind: .reordered,
                    line: here,
                    seq: record.seq,
                    detail: "seq \(record.seq) comes after \(previous), and seq \(found.seq) appears further "
                        + "down at line \(found.line)"
                )
            }
            let range = missing.count == 1 ? "seq \(expectedSeq) is" : "seqs \(expectedSeq)…\(record.seq - 1) are"
            return AuditProblem(
                kind: .removed,
                line: here,
                seq: record.seq,
                missing: missing,
                detail: "\(range) missing between \(previous) and this line"
            )
        }

        // The seq goes backwards or repeats.
        if let last, record.seq == last.seq, record.prev == last.prev {
            // Two records claim the same place; the one the next record chains from is the original.
            if let next, next.record.prev == hash {
                return AuditProblem(
                    kind: .inserted,
                    line: last.line,
                    seq: last.seq,
                    detail: "lines \(last.line) and \(here) both claim seq \(last.seq) after the same record; the "
                        + "chain continues from line \(here), so line \(last.line) was inserted"
                )
            }
            return AuditProblem(
                kind: .inserted,
                line: here,
                seq: record.seq,
                detail: "lines \(last.line) and \(here) both claim seq \(last.seq) after the same record; the "
                    + "chain does not continue from line \(here)"
            )
        }
        return AuditProblem(
            kind: .reordered,
            line: here,
            seq: record.seq,
            detail: "seq \(record.seq) comes after \(previous): the seq goes backwards"
        )
    }

    /// Reads on to the end of the file for a record whose seq is in `seqs`.
    private mutating func findLater(in seqs: ClosedRange<Int>) throws(AuditLogError) -> (line: Int, seq: Int)? {
        while let item = try nextItem() {
            if case .record(let record, _) = item.parsed, seqs.contains(record.seq) {
                return (item.line.number, record.seq)
            }
        }
        return nil
    }
}
