import AuditLog
import Foundation
import OrganizerSyncTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Audit log writer")
struct AuditLogWriterTests {
    typealias F = AuditLogFixtures

    @Test("Records chain: seq 1, 2, 3…, the first prev is 64 zeros, each prev is the SHA-256 of the line before")
    func chainRoundTrip() throws {
        try F.withLogPath { path throws in
            let head = try F.writeRun(to: path, changes: 2)
            let lines = try F.lines(path)
            #expect(lines.count == 6)
            var previous = AuditHead.zeroHash
            for (index, line) in lines.enumerated() {
                let record = try JSONDecoder().decode(AuditRecord.self, from: Data(line.utf8))
                #expect(record.seq == index + 1)
                #expect(record.prev == previous)
                #expect(record.run == "run-1")
                #expect(record.encodedLine() == Array(line.utf8), "line \(index + 1) is not in canonical form")
                previous = AuditRecord.hash(ofLine: Array(line.utf8))
            }
            #expect(head == AuditHead(seq: 6, hash: previous))
            let kinds = try lines.map { try JSONDecoder().decode(AuditRecord.self, from: Data($0.utf8)).type }
            #expect(kinds == [.runStart, .intent, .outcome, .intent, .outcome, .runEnd])
            #expect(lines[0].contains(#""time":"2025-03-01T09:00:00.000Z""#))

            let verification = try AuditVerifier.verify(path: path, expectedHead: head)
            #expect(verification.isIntact)
            #expect(verification.recordCount == 6)
            #expect(verification.head == head)
            #expect(verification.notes.isEmpty)
        }
    }

    @Test("append returns the record it wrote, and head follows")
    func appendReturnsRecord() throws {
        try F.withLogPath { path throws in
            let writer = try AuditLogWriter.open(path: path, run: "run-x")
            defer { writer.close() }
            #expect(writer.head == .empty)
            #expect(writer.recovered == nil)
            let record = try writer.append(.runEnd(.init(counts: ["succeeded": 0], result: .succeeded)))
            #expect(record.seq == 1 && record.prev == AuditHead.zeroHash && record.type == .runEnd)
            #expect(record.counts == ["succeeded": 0])
            let line = try #require(try F.lines(path).first)
            #expect(writer.head == AuditHead(seq: 1, hash: AuditRecord.hash(ofLine: Array(line.utf8))))
            #expect(Array(line.utf8) == record.encodedLine())
        }
    }

    @Test("Reopening continues seq and prev from the last record")
    func reopenContinues() throws {
        try F.withLogPath { path throws in
            let first = try F.writeRun(to: path, run: "run-1", changes: 1)
            let writer = try AuditLogWriter.open(path: path, run: "run-2")
            #expect(writer.head == first)
            let record = try writer.append(.runStart(F.runStart()))
            #expect(record.seq == first.seq + 1)
            #expect(record.prev == first.hash)
            writer.close()
            let verification = try AuditVerifier.verify(path: path)
            #expect(verification.isIntact)
            #expect(verification.recordCount == 5)
        }
    }

    /// Opens a new log in a folder named after `prefix` and has 16 tasks each append 25 intent/outcome pairs through
    /// `append` (given the writer, the task's number and the event; it returns the seq written); then `check` gets
    /// the writer, the log's path and every seq returned.
    static func withConcurrentAppends(
        prefix: String,
        run: String,
        _ append: @escaping @Sendable (AuditLogWriter, _ task: Int, AuditEvent) async throws -> Int,
        then check: (AuditLogWriter, _ path: String, _ seqs: [Int]) async throws -> Void
    ) async throws {
        let folder = try TemporaryDirectory(prefix: prefix)
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("audit.jsonl").path
        let writer = try AuditLogWriter.open(path: path, run: run)
        let seqs = try await withThrowingTaskGroup(of: [Int].self) { group in
            for task in 0..<16 {
                group.addTask {
                    var seqs: [Int] = []
                    for index in 0..<25 {
                        let change = AuditLogFixtures.change(task * 100 + index)
                        seqs.append(try await append(writer, task, AuditEvent.intent(change)))
                        seqs.append(
                            try await append(writer, task, AuditEvent.outcome(.init(for: change, result: .succeeded)))
                        )
                    }
                    return seqs
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        try await check(writer, path, seqs)
    }

    @Test("Appends from many concurrent tasks give one valid chain with unique, gap-free seqs")
    func concurrentAppends() async throws {
        try await Self.withConcurrentAppends(prefix: "audit-concurrent", run: "run-c") { writer, _, event in
            try writer.append(event).seq
        } then: { writer, path, seqs in
            writer.close()
            #expect(seqs.count == 800)
            #expect(Set(seqs).count == 800)
            #expect(seqs.sorted() == Array(1...800))
            let verification = try AuditVerifier.verify(path: path, expectedHead: writer.head)
            #expect(verification.isIntact, "\(verification)")
            #expect(verification.recordCount == 800)
        }
    }

    @Test("appendAsync from many tasks, mixed with append, gives one valid chain; flushes are shared")
    func concurrentAsyncAppends() async throws {
        try await Self.withConcurrentAppends(prefix: "audit-async", run: "run-a") { writer, task, event in
            if task % 4 == 0 { try writer.append(event).seq } else { try await writer.appendAsync(event).seq }
        } then: { writer, path, seqs in
            #expect(seqs.sorted() == Array(1...800))
            writer.close()
            await #expect(throws: AuditLogError.self) {
                try await writer.appendAsync(.runEnd(.init(counts: [:], result: .failed)))
            }
            let verification = try AuditVerifier.verify(path: path, expectedHead: writer.head)
            #expect(verification.isIntact, "\(verification)")
            #expect(verification.recordCount == 800)
        }
    }

    @Test("A new log is created with mode 0600 and missing parent folders with 0700")
    func permissions() throws {
        let folder = try TemporaryDirectory(prefix: "audit-perm")
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("state/logs/audit.jsonl").path
        let writer = try AuditLogWriter.open(path: path, run: "r")
        writer.close()
        func mode(_ path: String) throws -> Int {
            try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        #expect(try mode(path) == 0o600)
        #expect(try mode(folder.url.appendingPathComponent("state/logs").path) == 0o700)
        #expect(try mode(folder.url.appendingPathComponent("state").path) == 0o700)
        #expect(writer.warnings.isEmpty)
    }

    @Test("A log that group or others can write is refused; one they can read opens with a warning")
    func insecurePermissions() throws {
        try F.withLogPath { path throws in
            try F.writeRun(to: path, changes: 1)
            try FileManager.default.setAttributes([.posixPermissions: 0o664], ofItemAtPath: path)
            #expect {
                try AuditLogWriter.open(path: path, run: "r")
            } throws: { error in
                (error as? AuditLogError)?.code == .insecurePermissions
                    && String(describing: error).contains("mode 0664")
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
            let writer = try AuditLogWriter.open(path: path, run: "r")
            defer { writer.close() }
            #expect(writer.warnings.count == 1)
            #expect(writer.warnings.first?.contains("readable by its group or others (mode 0640)") == true)
        }
    }

    @Test("A second writer on the same file is refused while the first is open, and allowed after close")
    func oneWriterAtATime() throws {
        try F.withLogPath { path throws in
            let first = try AuditLogWriter.open(path: path, run: "r1")
            #expect {
                try AuditLogWriter.open(path: path, run: "r2")
            } throws: { error in
                (error as? AuditLogError)?.code == .busy
                    && "\(error)".hasSuffix("wait for the other organizer-sync run to end, then run again")
            }
            first.close()
            #expect {
                try first.append(.runEnd(.init(counts: [:], result: .failed)))
            } throws: { error in
                "\(error)".contains("the writer is closed")
                    && "\(error)".contains("no more records are written in this run")
            }
            let second = try AuditLogWriter.open(path: path, run: "r2")
            second.close()
        }
    }

    @Test("A torn last line (no final newline) is sealed on reopen with a recovered record; verify then passes")
    func tornTailSealed() throws {
        try F.withLogPath { path throws in
            let torn = #"{"action":"update","after":{"displayName":"Us"#
            let (head, writer) = try F.reopen(path, after: torn)
            let recovered = try #require(writer.recovered)
            #expect(recovered.type == .recovered)
            #expect(recovered.seq == head.seq + 1)
            #expect(recovered.prev == head.hash)
            #expect(recovered.tornLine == 5)
            #expect(recovered.tornBytes == torn.utf8.count)
            #expect(recovered.tornSHA256 == AuditRecord.hash(ofLine: Array(torn.utf8)))
            #expect(recovered.run == "run-2")
            #expect(recovered.message?.contains("no final newline") == true)
            let next = try writer.append(.runStart(F.runStart()))
            #expect(next.seq == head.seq + 2)
            writer.close()

            let lines = try F.lines(path)
            #expect(lines.count == 7)
            #expect(lines[4] == torn, "the torn bytes are kept as a line of their own")
            let verification = try AuditVerifier.verify(path: path)
            #expect(verification.isIntact, "\(verification)")
            #expect(verification.sealedTornLines == [5])
            #expect(verification.notes.contains { $0.contains("line 5: a torn line") && $0.contains("line 6") })
            #expect(verification.recordCount == 6)

            // Opening again finds a clean tail: nothing more is written.
            let again = try AuditLogWriter.open(path: path, run: "run-3")
            #expect(again.recovered == nil)
            #expect(again.head.seq == head.seq + 2)
            again.close()
        }
    }

    @Test("Garbage after the last record, newline-terminated, and a log of nothing but garbage are sealed too")
    func garbageTailSealed() throws {
        try F.withLogPath { path throws in
            let (_, writer) = try F.reopen(path, after: "not json\n\u{0}\u{0}\u{0}\n")
            #expect(writer.recovered?.tornLine == 5)
            #expect(writer.recovered?.tornBytes == 13)
            writer.close()
            let verification = try AuditVerifier.verify(path: path)
            #expect(verification.isIntact, "\(verification)")
            #expect(verification.sealedTornLines == [5])
        }
        try F.withLogPath { path throws in
            try Data("{\"seq\":".utf8).write(to: URL(fileURLWithPath: path))
            let writer = try AuditLogWriter.open(path: path, run: "run-1")
            #expect(writer.recovered?.seq == 1)
            #expect(writer.recovered?.prev == AuditHead.zeroHash)
            #expect(writer.recovered?.tornLine == 1)
            writer.close()
            #expect(try AuditVerifier.verify(path: path).isIntact)
        }
    }

    @Test("A whole last record without its newline only gets the newline")
    func missingNewlineCompleted() throws {
        try F.withLogPath { path throws in
            let head = try F.writeRun(to: path, changes: 1)
            try F.truncate(path, to: try F.size(path) - 1)
            let before = try AuditVerifier.verify(path: path)
            #expect(before.isIntact)
            #expect(before.notes.contains { $0.contains("no final newline") })
            let writer = try AuditLogWriter.open(path: path, run: "run-2")
            #expect(writer.recovered == nil)
            #expect(writer.head == head)
            try writer.append(.runStart(F.runStart()))
            writer.close()
            let after = try AuditVerifier.verify(path: path)
            #expect(after.isIntact)
            #expect(after.recordCount == 5)
            #expect(after.notes.isEmpty)
        }
    }

    @Test("Opening reads only the tail: garbage at the start of a large log does not stop the writer")
    func opensFromTheTail() throws {
        try F.withLogPath { path throws in
            try F.writeRun(to: path, changes: 1000)
            var lines = try F.lines(path)
            lines[0] = "garbage the writer never reads"
            try F.write(lines, to: path)
            let started = ContinuousClock.now
            let writer = try AuditLogWriter.open(path: path, run: "run-2")
            let elapsed = ContinuousClock.now - started
            #expect(writer.recovered == nil)
            #expect(writer.head.seq == 2002)
            writer.close()
            #expect(elapsed < .seconds(1), "open took \(elapsed)")
            // The verifier, which reads everything, does see it.
            #expect(try AuditVerifier.verify(path: path).problem?.kind == .torn)
        }
    }

    @Test("Run-start for this process names the OS user and host and joins the arguments")
    func currentRunStart() {
        let start = AuditEvent.RunStart.current(
            arguments: ["organizer-sync", "apply", "plan.json"],
            toolVersion: "0.1.0",
            configDigest: "c",
            planDigest: nil
        )
        #expect(start.command == "organizer-sync apply plan.json")
        #expect(!start.user.isEmpty)
        #expect(!start.host.isEmpty && start.host != "unknown")
        let uid = geteuid()
        if uid == 0 { #expect(start.user == "root") }
    }
}
