import AuditLog
import Foundation
import Testing

/// Each kind of tampering, done to a real log, named at the right line.
@Suite("Audit log verifier")
struct AuditVerifierTests {
    typealias F = AuditLogFixtures

    /// A log of 8 records (run-start, 3 intent/outcome pairs, run-end); `body` gets its path, lines and head.
    func withLog(_ body: (String, [String], AuditHead) throws -> Void) throws {
        try F.withLogPath { path throws in
            let head = try F.writeRun(to: path, changes: 3)
            let lines = try F.lines(path)
            try #require(lines.count == 8)
            try body(path, lines, head)
        }
    }

    func problem(_ path: String, expectedHead: AuditHead? = nil) throws -> AuditProblem {
        let verification = try AuditVerifier.verify(path: path, expectedHead: expectedHead)
        return try #require(verification.problem, "expected a problem, got \(verification)")
    }

    /// The first problem in the log of ``withLog(_:)`` after `edit` changed its lines (`edited` starts as `lines`).
    func problem(afterEditing edit: (_ edited: inout [String], _ lines: [String]) throws -> Void) throws -> AuditProblem
    {
        var found: AuditProblem?
        try withLog { path, lines, _ throws in
            var edited = lines
            try edit(&edited, lines)
            try F.write(edited, to: path)
            found = try problem(path)
        }
        return try #require(found)
    }

    @Test("An intact log verifies, with and without its expected head")
    func intact() throws {
        try withLog { path, _, head throws in
            let verification = try AuditVerifier.verify(path: path, expectedHead: head)
            #expect(verification.isIntact)
            #expect(verification.description == "intact, 8 records, head seq 8 sha256 \(head.hash)")
            // A head recorded earlier, which the log has grown past, still matches its record.
            let earlier = try F.lines(path)[4]
            let earlierHead = AuditHead(seq: 5, hash: AuditRecord.hash(ofLine: Array(earlier.utf8)))
            #expect(try AuditVerifier.verify(path: path, expectedHead: earlierHead).isIntact)
        }
    }

    @Test("An empty log is intact with no records; a missing one is an error, or truncated against a head")
    func emptyAndMissing() throws {
        try F.withLogPath { path throws in
            try Data().write(to: URL(fileURLWithPath: path))
            let empty = try AuditVerifier.verify(path: path)
            #expect(empty.isIntact && empty.recordCount == 0 && empty.head == .empty)
            try FileManager.default.removeItem(atPath: path)
            #expect { try AuditVerifier.verify(path: path) } throws: { ($0 as? AuditLogError)?.code == .notFound }
            let missing = try problem(path, expectedHead: AuditHead(seq: 4, hash: String(repeating: "a", count: 64)))
            #expect(missing.kind == .truncated)
            #expect(missing.missing == 1...4)
        }
    }

    @Test("A field edited in a record: that line is named as edited")
    func editedField() throws {
        let problem = try problem { edited, lines in
            edited[2] = edited[2].replacingOccurrences(of: "user1@example.com", with: "mallory@example.com")
            #expect(edited[2] != lines[2])
        }
        #expect(problem.kind == .edited)
        #expect(problem.line == 3)
        #expect(problem.seq == 3)
        #expect(problem.description.hasPrefix("line 3 (seq 3): record edited: its SHA-256 "))
        #expect(problem.detail.contains("prev of the next record (line 4, seq 4)"))
    }

    @Test("A record's own prev edited: that line is named")
    func editedPrev() throws {
        let problem = try problem { edited, lines in
            let record = try JSONDecoder().decode(AuditRecord.self, from: Data(lines[3].utf8))
            edited[3] = edited[3].replacingOccurrences(of: record.prev, with: String(repeating: "f", count: 64))
        }
        #expect(problem.kind == .edited)
        #expect(problem.line == 4)
    }

    @Test("A record's seq edited: that line is named as edited, not as a gap")
    func editedSeq() throws {
        let problem = try problem { edited, lines in
            edited[3] = edited[3].replacingOccurrences(of: #""seq":4,"#, with: #""seq":40,"#)
        }
        #expect(problem.kind == .edited)
        #expect(problem.line == 4)
        #expect(problem.seq == 40)
    }

    @Test("A line deleted: removed, naming the missing seq and the line after the gap")
    func removedLine() throws {
        let problem = try problem { edited, lines in
            edited.remove(at: 3)
        }
        #expect(problem.kind == .removed)
        #expect(problem.line == 4)
        #expect(problem.seq == 5)
        #expect(problem.missing == 4...4)
        #expect(problem.detail.contains("seq 4 is missing between seq 3 (line 3) and this line"))
    }

    @Test("Several lines deleted, or the first line: removed with the whole range")
    func removedLines() throws {
        try withLog { path, lines, _ throws in
            try F.write(Array(lines[0...1] + lines[5...]), to: path)
            let problem = try problem(path)
            #expect(problem.kind == .removed)
            #expect(problem.line == 3)
            #expect(problem.missing == 3...5)
            #expect(problem.detail == "seqs 3…5 are missing between seq 2 (line 2) and this line")
            try F.write(Array(lines.dropFirst()), to: path)
            let first = try self.problem(path)
            #expect(first.kind == .removed)
            #expect(first.line == 1)
            #expect(first.missing == 1...1)
        }
    }

    @Test("Two adjacent lines swapped: reordered, naming both")
    func swapped() throws {
        let problem = try problem { edited, lines in
            edited.swapAt(4, 5)
        }
        #expect(problem.kind == .reordered)
        #expect(problem.line == 5)
        #expect(problem.seq == 6)
        #expect(problem.detail.contains("lines 5 and 6 are swapped"))
    }

    @Test("A line moved further down: reordered, naming where the missing seq turned up")
    func moved() throws {
        let problem = try problem { edited, lines in
            let moved = edited.remove(at: 1)
            edited.insert(moved, at: 6)
        }
        #expect(problem.kind == .reordered)
        #expect(problem.line == 2)
        #expect(problem.detail.contains("seq 2 appears further down at line 7"))
    }

    @Test("A line duplicated: inserted, naming the copy")
    func duplicated() throws {
        let problem = try problem { edited, lines in
            edited.insert(lines[2], at: 5)
        }
        #expect(problem.kind == .inserted)
        #expect(problem.line == 6)
        #expect(problem.seq == 3)
    }

    @Test("A forged record inserted with a correct prev but without renumbering: inserted, naming the forgery")
    func forgedInsert() throws {
        try withLog { path, lines, _ throws in
            let previous = try JSONDecoder().decode(AuditRecord.self, from: Data(lines[2].utf8))
            var forged = AuditRecord(
                seq: previous.seq + 1,
                time: previous.time,
                run: previous.run,
                type: .outcome,
                prev: AuditRecord.hash(ofLine: Array(lines[2].utf8))
            )
            forged.result = .succeeded
            forged.email = "mallory@example.com"
            var edited = lines
            edited.insert(String(decoding: forged.encodedLine(), as: UTF8.self), at: 3)
            try F.write(edited, to: path)
            let problem = try problem(path)
            #expect(problem.kind == .inserted)
            #expect(problem.line == 4)
            #expect(problem.detail.contains("line 4 was inserted"))
        }
    }

    @Test("A garbage line inserted in the middle: torn (not sealed), at that line")
    func garbageInMiddle() throws {
        let problem = try problem { edited, lines in
            edited.insert("this line is not JSON", at: 4)
        }
        #expect(problem.kind == .torn)
        #expect(problem.line == 5)
        #expect(problem.detail.hasSuffix("the record after it (line 6) is of type outcome, not recovered"))
    }

    @Test("A line that is JSON but not a record: malformed, with what is wrong")
    func malformed() throws {
        try withLog { path, lines, _ throws in
            var edited = lines
            edited[2] = edited[2].replacingOccurrences(of: #""seq":3,"#, with: "")
            try F.write(edited, to: path)
            let problem = try problem(path)
            #expect(problem.kind == .malformed)
            #expect(problem.line == 3)
            #expect(problem.detail.contains("the key seq is missing"))
            edited[2] = lines[2].replacingOccurrences(of: #""type":"outcome""#, with: #""type":"party""#)
            try F.write(edited, to: path)
            #expect(try self.problem(path).kind == .malformed)
        }
    }

    @Test("The file cut in the middle of the last line: torn, at that line, with its size")
    func cutMidLine() throws {
        try withLog { path, lines, _ throws in
            let size = try F.size(path)
            try F.truncate(path, to: size - 20)
            let problem = try problem(path)
            #expect(problem.kind == .torn)
            #expect(problem.line == 8)
            #expect(problem.seq == nil)
            let expectedBytes = lines[7].utf8.count - 19
            #expect(problem.detail.contains("\(expectedBytes) bytes, no final newline"))
            #expect(
                try AuditVerifier.verify(path: path).description.hasPrefix(
                    "BROKEN at line 8: torn line: not a whole record"
                )
            )
        }
    }

    @Test("Whole trailing lines cut off: intact by the chain alone, truncated against the expected head")
    func truncatedTail() throws {
        try withLog { path, lines, head throws in
            try F.write(Array(lines.prefix(5)), to: path)
            #expect(try AuditVerifier.verify(path: path).isIntact)
            let problem = try problem(path, expectedHead: head)
            #expect(problem.kind == .truncated)
            #expect(problem.missing == 6...8)
            #expect(problem.line == 6)
            #expect(problem.detail.contains("the log ends at seq 5 (line 5)"))
            try F.write([], to: path)
            #expect(try self.problem(path, expectedHead: head).missing == 1...8)
        }
    }

    @Test("The last line edited: intact by the chain alone, head-mismatch against the expected head")
    func editedLastLine() throws {
        try withLog { path, lines, head throws in
            var edited = lines
            edited[7] = edited[7].replacingOccurrences(of: #""succeeded":3"#, with: #""succeeded":2"#)
            #expect(edited[7] != lines[7])
            try F.write(edited, to: path)
            #expect(try AuditVerifier.verify(path: path).isIntact)
            let problem = try problem(path, expectedHead: head)
            #expect(problem.kind == .headMismatch)
            #expect(problem.line == 8)
            #expect(problem.seq == 8)
            #expect(problem.description.hasPrefix("line 8 (seq 8): last recorded head does not match"))
        }
    }

    @Test("A torn line followed by a normal record (no recovered record): torn, at the torn line")
    func tornNotSealed() throws {
        let problem = try problem { edited, lines in
            edited[7] = String(lines[7].prefix(30))
            edited.append(lines[7])
        }
        #expect(problem.kind == .torn)
        #expect(problem.line == 8)
    }

    @Test("A recovered record whose hash does not match the torn bytes does not seal them")
    func recoveredMismatch() throws {
        try F.withLogPath { path throws in
            let (_, writer) = try F.reopen(path, after: "{\"torn")
            writer.close()
            var lines = try F.lines(path)
            #expect(lines.count == 6)
            lines[4] = "{\"TORN"
            try F.write(lines, to: path)
            let problem = try problem(path)
            #expect(problem.kind == .torn)
            #expect(problem.line == 5)
            #expect(problem.detail.contains("the recovered record at line 6 names line 5"))
            // And the torn line removed altogether: the recovered record seals nothing.
            lines.remove(at: 4)
            try F.write(lines, to: path)
            let removed = try self.problem(path)
            #expect(removed.kind == .removed)
            #expect(removed.line == 5)
        }
    }
}
