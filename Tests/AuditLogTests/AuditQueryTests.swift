import AuditLog
import Foundation
import OrganizerSyncCore
import Testing

@Suite("Audit query and export")
struct AuditQueryTests {
    typealias F = AuditLogFixtures

    /// Two runs: run-1 (zoom-prod, users 1–2, 09:00–09:05) and run-2 (webex-prod, a create and a delete, 10:00…).
    func withTwoRuns(_ body: (String) throws -> Void) throws {
        try F.withLogPath { path throws in
            try F.writeRun(to: path, run: "run-1", changes: 2)
            let clock = F.StepClock()
            let later: @Sendable () -> Date = { clock.now().addingTimeInterval(3600) }
            let writer = try AuditLogWriter.open(path: path, run: "run-2", clock: later)
            try writer.append(.runStart(F.runStart()))
            let create = F.change(3, target: "webex-prod", action: .create)
            try writer.append(.intent(create))
            try writer.append(.outcome(.init(for: create, result: .succeeded, providerId: "new-id-3")))
            let delete = F.change(1, target: "webex-prod", action: .delete)
            try writer.append(.intent(delete))
            try writer.append(
                .outcome(.init(for: delete, result: .failed, errorCode: "rateLimited", httpStatus: 429, message: "429"))
            )
            try writer.append(.runEnd(.init(counts: ["succeeded": 1, "failed": 1], result: .partial)))
            writer.close()
            try body(path)
        }
    }

    func seqs(_ path: String, _ query: AuditQuery) throws -> [Int] {
        try AuditLogReader.read(path: path, matching: query).entries.map(\.record.seq)
    }

    @Test("With no filter every record matches")
    func everything() throws {
        try withTwoRuns { path throws in
            let contents = try AuditLogReader.read(path: path)
            #expect(contents.entries.map(\.record.seq) == Array(1...12))
            #expect(contents.recordCount == 12)
            #expect(contents.unreadableLines.isEmpty)
            #expect(contents.entries[0].line == 1)
            #expect(contents.entries[0].hash == AuditRecord.hash(ofLine: Array(contents.entries[0].text.utf8)))
        }
    }

    @Test("Filters by run, target, type and action; several values of one filter are ORed, filters ANDed")
    func fieldFilters() throws {
        try withTwoRuns { path throws in
            #expect(try seqs(path, AuditQuery(runs: ["run-2"])) == Array(7...12))
            #expect(try seqs(path, AuditQuery(targets: ["webex-prod"])) == [8, 9, 10, 11])
            #expect(try seqs(path, AuditQuery(types: [.runStart, .runEnd])) == [1, 6, 7, 12])
            #expect(try seqs(path, AuditQuery(actions: [.create])) == [8, 9])
            #expect(try seqs(path, AuditQuery(runs: ["run-1"], actions: [.create])) == [])
            #expect(try seqs(path, AuditQuery(targets: ["zoom-prod"], types: [.outcome])) == [3, 5])
        }
    }

    @Test("--account matches an email without regard to case, a provider id or an anchor")
    func accountFilter() throws {
        try withTwoRuns { path throws in
            #expect(try seqs(path, AuditQuery(accounts: ["USER1@Example.com"])) == [2, 3, 10, 11])
            #expect(try seqs(path, AuditQuery(accounts: ["new-id-3"])) == [9])
            #expect(try seqs(path, AuditQuery(accounts: ["anchor-2"])) == [4, 5])
            #expect(try seqs(path, AuditQuery(accounts: ["anchor-2", "new-id-3"])) == [4, 5, 9])
            #expect(try seqs(path, AuditQuery(accounts: ["user"])) == [], "no partial matches")
        }
    }

    @Test("--since is inclusive, --until exclusive")
    func timeFilter() throws {
        try withTwoRuns { path throws in
            let start = F.StepClock().start  // 09:00, one minute per record
            #expect(try seqs(path, AuditQuery(since: start.addingTimeInterval(120))) == Array(3...12))
            #expect(try seqs(path, AuditQuery(until: start.addingTimeInterval(120))) == [1, 2])
            #expect(try seqs(path, AuditQuery(since: start.addingTimeInterval(3600))) == Array(7...12))
            let day = try #require(AuditTimestamp.parse("2025-03-01"))
            let next = try #require(AuditTimestamp.parse("2025-03-02"))
            #expect(try seqs(path, AuditQuery(since: day, until: next)).count == 12)
            #expect(try seqs(path, AuditQuery(since: next)) == [])
        }
    }

    @Test("A record whose time cannot be read fails a time filter but passes others")
    func unreadableTime() {
        let record = AuditRecord(seq: 1, time: "yesterday", run: "r", type: .intent, prev: AuditHead.zeroHash)
        #expect(!AuditQuery(since: Date(timeIntervalSince1970: 0)).matches(record))
        #expect(AuditQuery(runs: ["r"]).matches(record))
    }

    @Test("The reader skips lines that are not records and says which")
    func readerSkipsGarbage() throws {
        try withTwoRuns { path throws in
            var lines = try F.lines(path)
            lines.insert("garbage", at: 3)
            try F.write(lines, to: path)
            let contents = try AuditLogReader.read(path: path)
            #expect(contents.recordCount == 12)
            #expect(contents.unreadableLines == [4])
            #expect(contents.entries[3].line == 5)
        }
    }

    @Test("CSV: a header, one row per record, RFC 4180 quoting of commas, quotes and newlines, CRLF rows")
    func csvQuoting() throws {
        var record = AuditRecord(seq: 1, time: "2025-03-01T09:00:00.000Z", run: "r", type: .outcome, prev: "p")
        record.email = "plain@example.com"
        record.message = "said \"no\", then\nleft"
        record.after = ["displayName": "Lamport, Leslie"]
        record.reasons = ["a", "b"]
        let entry = AuditEntry(line: 1, record: record, text: "{}", hash: "h")
        let csv = AuditExport.csv([entry])
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows.count == 3 && rows[2] == "", "header, one row, and the final CRLF")
        #expect(rows[0] == AuditExport.csvColumns.joined(separator: ","))
        #expect(rows[0].hasPrefix("seq,time,run,type,target,provider,action,email,"))
        #expect(rows[1].hasPrefix("1,2025-03-01T09:00:00.000Z,r,outcome,,,,plain@example.com,"))
        #expect(rows[1].contains(#","said ""no"", then"# + "\n" + #"left","#))
        #expect(rows[1].contains(#","[""a"",""b""]","#))
        #expect(rows[1].contains(#","{""displayName"":""Lamport, Leslie""}","#))
        #expect(rows[1].hasSuffix(",p,h"))
        #expect(AuditExport.csvRow(["a", "b,c", "d\"e", "f\rg", ""]) == "a,\"b,c\",\"d\"\"e\",\"f\rg\",\r\n")
        #expect(parseCSV(csv).map(\.count) == [31, 31])
        #expect(parseCSV(csv)[1][15] == "said \"no\", then\nleft")
    }

    @Test("JSON export: an array whose elements are the records' exact lines")
    func jsonExport() throws {
        try withTwoRuns { path throws in
            let contents = try AuditLogReader.read(path: path, matching: AuditQuery(runs: ["run-2"]))
            let json = AuditExport.json(contents.entries)
            let decoded = try JSONDecoder().decode([AuditRecord].self, from: Data(json.utf8))
            #expect(decoded.map(\.seq) == Array(7...12))
            #expect(json.components(separatedBy: "\n")[1] == contents.entries[0].text + ",")
            #expect(AuditExport.json([]) == "[]\n")
        }
    }

    /// A small RFC 4180 reader, to check that the CSV reads back into the same cells.
    func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        cell.unicodeScalars.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    cell.unicodeScalars.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(cell)
                cell = ""
            } else if character == "\r" && characters.first == "\n" {
                characters.removeFirst()
                row.append(cell)
                rows.append(row)
                row = []
                cell = ""
            } else {
                cell.unicodeScalars.append(character)
            }
        }
        return rows
    }
}
