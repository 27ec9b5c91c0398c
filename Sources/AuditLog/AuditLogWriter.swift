public import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends records to the audit log, each chained to the one before by the SHA-256 of its line.
///
/// - One writer per file: ``open(path:run:clock:)`` takes an exclusive `flock` on the file and fails with
///   ``AuditLogError/Code/busy`` while another writer (in this process or another) holds it, because two writers
///   would both chain from the same head and fork the chain. ``close()`` (or deinit) releases it.
/// - Permissions: a new file is created with mode 0600 and missing parent folders with 0700. An existing file
///   that its group or others can *write* is refused (``AuditLogError/Code/insecurePermissions``): they could
///   rewrite history. One they can only *read* is accepted with a line in ``warnings`` (an auditors' group may
///   be given read access on purpose; the log holds personal data, so the caller should log the warning).
/// - Each ``append(_:)`` is one `write(2)` of the whole line and its newline, then a flush to disk before it
///   returns. Concurrent appends (from a task group) are serialised by a mutex for the write; the flush is a
///   group commit: one `fdatasync` covers every line written before it, so callers waiting together share it.
///   ``append(_:)`` waits on its thread, so at most as many callers as the cooperative pool has threads share a
///   flush; ``appendAsync(_:)`` suspends instead, and all the tasks of a task group can share one.
/// - Opening reads only the tail, so it does not check the chain: ``AuditVerifier`` does.
/// - Crash safety: a `kill -9` during a write leaves at most one torn line at the end. The next ``open`` seals
///   it: it writes a newline (so the torn bytes stay a line of their own, kept as evidence) and then a
///   `recovered` record naming the torn line, its length and its SHA-256, chained to the last good record.
public final class AuditLogWriter: Sendable {
    /// The log file.
    public let path: String
    /// The run id written in every record's `run`.
    public let run: String
    /// The `recovered` record written at open when the log ended in a torn line, if any.
    public let recovered: AuditRecord?
    /// Warnings about the file found at open (for example: readable by group or others); for the caller to log.
    public let warnings: [String]

    private let state: Mutex<WriteState>
    private let commit: GroupCommit
    private let clock: @Sendable () -> Date

    /// What the write lock guards.
    private struct WriteState {
        /// The descriptor; -1 once closed.
        var fd: Int32
        var head: AuditHead
        /// Set after a failed write or sync (or ``close()``): no more records are written.
        var failure: String?
        /// This writer's intents and what became of them (``openIntents``).
        var intents = IntentLedger()
    }

    private init(
        path: String,
        run: String,
        fd: Int32,
        head: AuditHead,
        recovered: AuditRecord?,
        warnings: [String],
        clock: @escaping @Sendable () -> Date
    ) {
        self.path = path
        self.run = run
        self.recovered = recovered
        self.warnings = warnings
        self.clock = clock
        self.state = Mutex(WriteState(fd: fd, head: head, failure: nil))
        self.commit = GroupCommit(flushedSeq: head.seq)
    }

    deinit {
        // No other reference exists, so no append is in flight.
        state.withLock { state in
            if state.fd >= 0 { unlockAndClose(state.fd) }
        }
    }

    /// Opens the log at `path` for appending, creating it (mode 0600, parent folders 0700) when missing.
    ///
    /// Reads only the tail to find the head. When the last line is torn (no final newline and not a whole
    /// record, or not a record at all), writes a newline and then a `recovered` record (see ``recovered``).
    ///
    /// With an `expectation` (what the state store recorded), the log must reach the recorded head with the same
    /// hash, and only the store's unfinished runs may have written records after it; a torn tail is sealed only
    /// when it is one partial line after that. Otherwise nothing is written and the open fails with
    /// ``AuditLogError/Code/chainBroken`` naming the first bad line. Reading the tail costs the size of the
    /// extension after the head, not of the log; only a log that fails the check is read whole, to name the line.
    /// - Parameters:
    ///   - path: the log file.
    ///   - run: the run id to write in every record.
    ///   - expectation: the state store's recorded head and unfinished runs; `nil` to chain from whatever tail
    ///     is found (a first run, `audit accept-break`, tests).
    ///   - clock: the time stamps' source (tests pass a fixed clock).
    /// - Returns: the writer.
    /// - Throws: ``AuditLogError`` (`cannotOpen`, `notRegularFile`, `insecurePermissions`, `busy`, `readFailed`,
    ///   `writeFailed`, `syncFailed`, `chainBroken`).
    public static func open(
        path: String,
        run: String,
        expecting expectation: AuditHeadExpectation? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(AuditLogError) -> AuditLogWriter {
        if let expectation, expectation.head.seq > 0, access(path, F_OK) != 0, errno == ENOENT {
            let problem = AuditProblem(
                kind: .truncated,
                line: 1,
                seq: nil,
                missing: 1...expectation.head.seq,
                detail: "the log file is missing, but seq \(expectation.head.seq) was recorded as its head"
            )
            throw AuditLogError(.chainBroken, path: path, reason: brokenReason(problem, expectation), problem: problem)
        }
        let (file, _) = try LogFile.openForAppending(path)
        do throws(AuditLogError) {
            let info = try file.status()
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw AuditLogError(.notRegularFile, path: path, reason: "not a regular file")
            }
            let mode = Int(info.st_mode & 0o777)
            let modeText = "0" + String(mode, radix: 8)
            if mode & 0o022 != 0 {
                throw AuditLogError(
                    .insecurePermissions,
                    path: path,
                    reason: "writable by its group or others (mode \(modeText)); run chmod 600 on it"
                )
            }
            var warnings: [String] = []
            if mode & 0o044 != 0 {
                warnings.append(
                    "audit log \(path) is readable by its group or others (mode \(modeText)); "
                        + "it holds personal data: chmod 600 unless that is intended"
                )
            }
            if flock(file.fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                throw AuditLogError(
                    code == EWOULDBLOCK ? .busy : .cannotOpen,
                    path: path,
                    reason: code == EWOULDBLOCK ? "locked" : errorText(code)
                )
            }
            let tail = try TailScan(file, size: Int(info.st_size))
            if let expectation { try checkHead(tail, against: expectation, in: file) }
            var head = tail.head
            var recovered: AuditRecord?
            if tail.isMissingNewline {
                try file.writeAll([UInt8(ascii: "\n")])
                try file.sync()
            } else if !tail.tornBytes.isEmpty {
                let record = try seal(tail, in: file, run: run, time: AuditTimestamp.format(clock()))
                head = record.head
                recovered = record.record
            }
            return AuditLogWriter(
                path: path,
                run: run,
                fd: file.fd,
                head: head,
                recovered: recovered,
                warnings: warnings,
                clock: clock
            )
        } catch {
            unlockAndClose(file.fd)
            throw error
        }
    }

    /// Writes the newline that ends the torn bytes (unless they end in one) and the `recovered` record.
    private static func seal(
        _ tail: TailScan,
        in file: LogFile,
        run: String,
        time: String
    ) throws(AuditLogError) -> (record: AuditRecord, head: AuditHead) {
        let line = try tail.tornLineNumber(in: file)
        let endsInNewline = tail.tornBytes.last == UInt8(ascii: "\n")
        var record = AuditRecord(seq: tail.head.seq + 1, time: time, run: run, type: .recovered, prev: tail.head.hash)
        record.tornLine = line
        record.tornBytes = tail.tornBytes.count
        record.tornSHA256 = AuditRecord.hash(ofLine: tail.tornBytes)
        record.message =
            "the log ended in a torn line (\(tail.tornBytes.count) bytes, "
            + (endsInNewline ? "not a record" : "no final newline")
            + ") after seq \(tail.head.seq), probably from a run that was killed while writing; "
            + "the torn bytes are kept as line \(line) and sealed by this record"
        let encoded = record.encodedLine()
        try file.writeAll((endsInNewline ? [] : [UInt8(ascii: "\n")]) + encoded + [UInt8(ascii: "\n")])
        try file.sync()
        return (record, AuditHead(seq: record.seq, hash: AuditRecord.hash(ofLine: encoded)))
    }

    /// The seq and hash of the last record written (seq 0 and 64 zeros for an empty log).
    public var head: AuditHead {
        state.withLock { $0.head }
    }

    /// The intents this writer wrote that have neither an outcome nor a resolution yet, oldest first.
    public var openIntents: [AuditRecord] {
        state.withLock { $0.intents.unresolved }
    }

    /// Appends `event` as the next record and flushes it to disk before returning.
    ///
    /// Safe to call from many tasks at once: each record gets the next seq and chains to the record before it
    /// in the file. The calling thread waits for the flush; from a task group, ``appendAsync(_:)`` waits without
    /// holding a thread, so that more records share each flush. After a failed write or flush the writer refuses
    /// every further record (``AuditLogError/Code/closed``): a torn line may be in the file, and the next
    /// ``open(path:run:clock:)`` seals it.
    /// - Parameter event: what to record.
    /// - Returns: the record as written.
    /// - Throws: ``AuditLogError`` (`writeFailed`, `syncFailed`, `closed`).
    @discardableResult
    public func append(_ event: AuditEvent) throws(AuditLogError) -> AuditRecord {
        let record = try write(event)
        try commit.waitBlocking(for: record.seq, flush: flushNow)
        return record
    }

    /// Appends `events` as consecutive records, each its own `write(2)`, and flushes once for all of them.
    ///
    /// For many records that describe one step (the adoptions of a first apply): one `fdatasync` instead of one
    /// per record. A crash may leave some of them written; each is whole.
    /// - Parameter events: what to record, in order.
    /// - Returns: the records as written.
    /// - Throws: ``AuditLogError`` (`writeFailed`, `syncFailed`, `closed`).
    @discardableResult
    public func appendAll(_ events: [AuditEvent]) throws(AuditLogError) -> [AuditRecord] {
        var records: [AuditRecord] = []
        records.reserveCapacity(events.count)
        for event in events { records.append(try write(event)) }
        if let last = records.last { try commit.waitBlocking(for: last.seq, flush: flushNow) }
        return records
    }

    /// Appends `event` like ``append(_:)``, and suspends until it is on disk.
    ///
    /// The line is written at once; the flush is done on a private queue for every record waiting, so concurrent
    /// tasks share flushes and no thread of the cooperative pool blocks in `fdatasync`.
    /// - Parameter event: what to record.
    /// - Returns: the record as written.
    /// - Throws: ``AuditLogError`` (`writeFailed`, `syncFailed`, `closed`).
    @discardableResult
    public func appendAsync(_ event: AuditEvent) async throws(AuditLogError) -> AuditRecord {
        let record = try write(event)
        try await commit.wait(for: record.seq) { [self] () throws(AuditLogError) -> Int in try flushNow() }
        return record
    }

    /// Writes the record of `event` (one `write(2)`), without flushing it.
    private func write(_ event: AuditEvent) throws(AuditLogError) -> AuditRecord {
        try state.withLock { state throws(AuditLogError) -> AuditRecord in
            if let failure = state.failure { throw AuditLogError(.closed, path: path, reason: failure) }
            let record = event.record(
                seq: state.head.seq + 1,
                time: AuditTimestamp.format(clock()),
                run: run,
                prev: state.head.hash
            )
            let line = record.encodedLine()
            do throws(AuditLogError) {
                try LogFile(fd: state.fd, path: path).writeAll(line + [UInt8(ascii: "\n")])
            } catch {
                state.failure = "an earlier write failed: \(error.reason)"
                throw error
            }
            state.head = AuditHead(seq: record.seq, hash: AuditRecord.hash(ofLine: line))
            state.intents.note(record)
            return record
        }
    }

    /// Flushes the file; returns the seq of the last record written before the flush began.
    private func flushNow() throws(AuditLogError) -> Int {
        let (fd, written) = state.withLock { ($0.fd, $0.head.seq) }
        guard fd >= 0 else { throw AuditLogError(.closed, path: path, reason: "closed before the flush") }
        do throws(AuditLogError) {
            try LogFile(fd: fd, path: path).sync()
        } catch {
            state.withLock { $0.failure = "an earlier flush failed: \(error.reason)" }
            throw error
        }
        return written
    }

    /// Releases the file and its lock.
    ///
    /// Appends after this throw ``AuditLogError/Code/closed``; so do waits for a flush not yet done. Calling it
    /// twice does nothing more.
    public func close() {
        // No flush is running on the descriptor while it is closed.
        commit.exclusive {
            state.withLock { state in
                guard state.fd >= 0 else { return }
                unlockAndClose(state.fd)
                state.fd = -1
                state.failure = "the writer was closed"
            }
        }
    }
}

/// Releases the `flock` on `fd`, then closes it.
///
/// Closing alone is not enough: the lock belongs to the open file description, which a child forked by another
/// thread of this process shares until it execs (swift-subprocess forks, then execs). Until then the lock would
/// outlive ``AuditLogWriter/close()`` and refuse the next writer with `busy`; `LOCK_UN` releases it for every
/// descriptor of that description at once. Unlocking a descriptor that holds no lock does nothing.
private func unlockAndClose(_ fd: Int32) {
    _ = flock(fd, LOCK_UN)
    closeDescriptor(fd)
}
