import AuditLog
import Foundation
import OrganizerSyncTestSupport
import Testing

/// The writer's check against the head the state store recorded, and keyed checkpoints.
@Suite("Audit log head check and checkpoints")
struct AuditHeadCheckTests {
    typealias F = AuditLogFixtures

    static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    static func brokenLine(_ path: String, _ expectation: AuditHeadExpectation) -> (Int?, AuditProblem.Kind?) {
        do {
            let writer = try AuditLogWriter.open(path: path, run: "next", expecting: expectation)
            writer.close()
            return (nil, nil)
        } catch {
            return (error.problem?.line, error.problem?.kind)
        }
    }

    @Test("A log that reaches the recorded head opens; records after it only from an unfinished run")
    func fitsAndExtensions() throws {
        try F.withLogPath { path in
            let head = try F.writeRun(to: path, changes: 2)
            let expectation = AuditHeadExpectation(head: head, openRuns: ["killed"])
            #expect(Self.brokenLine(path, expectation) == (nil, nil))
            try F.writeRun(to: path, run: "killed", changes: 1)
            #expect(Self.brokenLine(path, expectation) == (nil, nil), "a killed run's records may follow the head")
            try F.writeRun(to: path, run: "someone", changes: 1)
            #expect(Self.brokenLine(path, expectation) == (11, .extended))
        }
    }

    @Test("Cut records, an edited last record or a deleted file are refused, naming the first bad line")
    func cutEditedDeleted() throws {
        try F.withLogPath { path in
            let head = try F.writeRun(to: path, changes: 2)
            let lines = try F.lines(path)
            let expectation = AuditHeadExpectation(head: head, openRuns: [])
            try Data(lines.prefix(4).map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
            #expect(Self.brokenLine(path, expectation) == (5, .truncated))
            let edited = lines.prefix(5) + [lines[5].replacingOccurrences(of: "succeeded", with: "failed")]
            try Data(edited.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
            #expect(Self.brokenLine(path, expectation) == (6, .headMismatch))
            try FileManager.default.removeItem(atPath: path)
            #expect(Self.brokenLine(path, expectation) == (1, .truncated))
            #expect(!FileManager.default.fileExists(atPath: path), "the refused open created the log")
        }
    }

    @Test("A torn partial line after the head is sealed; junk lines, or a torn line before the head, are not")
    func tornTails() throws {
        try F.withLogPath { path in
            let head = try F.writeRun(to: path, changes: 2)
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            let expectation = AuditHeadExpectation(head: head, openRuns: [])
            try Self.append("{\"seq\":7,\"ti", to: path)
            let writer = try AuditLogWriter.open(path: path, run: "next", expecting: expectation)
            #expect(writer.recovered?.tornLine == 7)
            writer.close()

            try original.write(to: URL(fileURLWithPath: path))
            try Self.append("junk\nmore junk", to: path)
            #expect(Self.brokenLine(path, expectation) == (7, .torn))

            let lines = try F.lines(path)
            try Data((lines.prefix(4).joined(separator: "\n") + "\n{\"seq\":5,").utf8).write(
                to: URL(fileURLWithPath: path)
            )
            #expect(Self.brokenLine(path, expectation).1 == .truncated)
        }
    }

    @Test("Checkpoints verify with the key; a rewrite, another key or a removed checkpoint do not")
    func checkpoints() throws {
        try F.withLogPath { path in
            let key = try #require(AuditKey(bytes: Array("0123456789abcdef0123".utf8)))
            let other = try #require(AuditKey(bytes: Array("fedcba98765432100123".utf8)))
            #expect(AuditKey(bytes: Array("short".utf8)) == nil)
            for run in ["r1", "r2"] {
                try F.writeRun(to: path, run: run, changes: 1)
                let writer = try AuditLogWriter.open(path: path, run: run)
                try writer.append(.checkpoint(key))
                writer.close()
            }
            let good = try AuditVerifier.verify(path: path, expecting: nil, key: key)
            #expect(good.isIntact, "\(good)")
            #expect(good.checkpointCount == 2 && good.lastCheckpoint?.seq == 9)
            #expect(
                !String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self).contains(
                    "0123456789abcdef"
                )
            )

            let foreign = try AuditVerifier.verify(path: path, expecting: nil, key: other)
            #expect(foreign.problem?.kind == .checkpointInvalid && foreign.problem?.line == 5)

            var lines = try F.lines(path)
            lines.remove(at: 9)
            try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
            let cut = try AuditVerifier.verify(path: path, expecting: nil, key: key)
            #expect(cut.problem?.kind == .checkpointMissing, "\(cut)")
            #expect(try AuditVerifier.verify(path: path, expecting: nil, key: nil).isIntact)
        }
    }

    @Test("History: the head and the last run-start, read from the end of the log; a missing log has none")
    func historyReadsTheTail() throws {
        try F.withLogPath { path in
            try F.writeRun(to: path, run: "r1", changes: 3)
            try F.writeRun(to: path, run: "r2", changes: 2)
            let history = try AuditLogReader.history(path: path)
            #expect(history.hasRecords && history.head.seq == 14)
            #expect(history.lastRunStart?.run == "r2" && history.lastRunStart?.seq == 9)
            let missing = try AuditLogReader.history(path: path + ".none")
            #expect(!missing.hasRecords)
        }
    }
}
