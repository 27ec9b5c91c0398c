extension AuditLogWriter {
    /// Checks that the log's tail fits what the state store recorded; throws `chainBroken` otherwise.
    ///
    /// Fast when it fits: the last record is the recorded head, or the records after the head (found reading
    /// backwards) chain from it and were written by an unfinished run. Anything else is judged by a walk of the
    /// whole log, which names the first bad line (and accepts what a walk proves, such as torn lines sealed by an
    /// earlier crash's recovery).
    static func checkHead(
        _ tail: TailScan,
        against expectation: AuditHeadExpectation,
        in file: LogFile
    ) throws(AuditLogError) {
        // A crash leaves at most one partial line (each record is one write(2)): torn bytes holding a newline are
        // junk, never sealed while a head is expected.
        let isPartialLine = !tail.tornBytes.contains(UInt8(ascii: "\n"))
        if isPartialLine {
            if tail.head == expectation.head { return }
            if tail.head.seq > expectation.head.seq,
                try TailScan.isCleanExtension(
                    of: expectation.head,
                    by: expectation.openRuns,
                    in: file,
                    end: tail.tornOffset
                )
            {
                return
            }
        }
        let verdict = try AuditVerifier.verify(
            path: file.path,
            expecting: expectation,
            key: nil,
            limit: isPartialLine ? tail.tornOffset : nil
        )
        guard let problem = verdict.problem else { return }
        throw AuditLogError(
            .chainBroken,
            path: file.path,
            reason: brokenReason(problem, expectation),
            problem: problem
        )
    }

    /// The message of a log that does not fit the recorded head: what was found and what to do.
    static func brokenReason(_ problem: AuditProblem, _ expectation: AuditHeadExpectation) -> String {
        "the log does not fit the head the state store recorded (seq \(expectation.head.seq)): BROKEN at "
            + "\(problem); nothing was written. Examine it (organizer-sync audit verify), then record the break "
            + "with organizer-sync audit accept-break --reason TEXT before any run appends again"
    }
}
