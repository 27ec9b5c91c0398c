extension ChainWalk {
    /// The problem of a record after the recorded head that no open run wrote, if `record` is one.
    func checkExtension(_ record: AuditRecord, at line: Int) -> AuditProblem? {
        guard let expectation, let runs = expectation.openRuns, record.seq > expectation.head.seq,
            !runs.contains(record.run)
        else {
            return nil
        }
        return AuditProblem(
            kind: .extended,
            line: line,
            seq: record.seq,
            detail: "the state store recorded seq \(expectation.head.seq) as the head, and no run it knows of as "
                + "unfinished wrote this record (run \(record.run)): records were added behind its back"
        )
    }

    /// With a key: the problem of a checkpoint that does not verify, or of a record where a checkpoint should be.
    mutating func checkCheckpoint(_ record: AuditRecord, at line: Int) -> AuditProblem? {
        guard let key else { return nil }
        if record.type == .checkpoint {
            guard let mac = record.mac, key.isValid(mac: mac, seq: record.seq - 1, hash: record.prev) else {
                let other = record.keyId.map { $0 != key.keyID } ?? false
                return AuditProblem(
                    kind: .checkpointInvalid,
                    line: line,
                    seq: record.seq,
                    detail: other
                        ? "made with another key (key id \(record.keyId ?? "")) than the one given (\(key.keyID))"
                        : "its MAC does not match seq \(record.seq - 1) and the hash of the record before it: the "
                            + "log was rewritten up to here"
                )
            }
            runEndAwaitingCheckpoint = nil
            verification.checkpointCount += 1
            verification.lastCheckpoint = AuditHead(seq: record.seq - 1, hash: record.prev)
            return nil
        }
        if let runEnd = runEndAwaitingCheckpoint {
            return AuditProblem(
                kind: .checkpointMissing,
                line: line,
                seq: record.seq,
                detail: "the run that ended at line \(runEnd) has no checkpoint after it (every run since the first "
                    + "checkpoint ends with one)"
            )
        }
        if record.type == .runEnd, verification.checkpointCount > 0 { runEndAwaitingCheckpoint = line }
        return nil
    }

    /// With a key, at the end of the log: a log without any checkpoint, or whose last run has none.
    func finalCheckpointProblem() -> AuditProblem? {
        guard key != nil else { return nil }
        if verification.checkpointCount == 0 {
            return AuditProblem(
                kind: .checkpointMissing,
                line: max(verification.lineCount, 1),
                seq: nil,
                detail: "the log holds no checkpoint: the key proves nothing (were they removed?)"
            )
        }
        if let runEnd = runEndAwaitingCheckpoint {
            return AuditProblem(
                kind: .checkpointMissing,
                line: runEnd,
                seq: nil,
                detail: "the last run (ended at line \(runEnd)) has no checkpoint after it"
            )
        }
        return nil
    }
}
