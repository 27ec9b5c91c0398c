import Foundation
import Testing

@testable import AuditLog

@Suite("Audit record lines")
struct AuditRecordLineTests {
    @Test("An intent record is one line of JSON with sorted keys, no white space and no nil keys")
    func exactIntentLine() throws {
        // The record as the writer makes it (AuditEvent.record), so the encoding is checked on what is written.
        let record = AuditEvent.intent(AuditLogFixtures.change(7))
            .record(seq: 3, time: "2025-03-01T09:00:00.000Z", run: "run-1", prev: AuditHead.zeroHash)
        let line = String(decoding: record.encodedLine(), as: UTF8.self)
        #expect(
            line
                == #"{"action":"update","after":{"displayName":"User Number 7","status":"active"},"anchor":"anchor-7","#
                + #""before":{"displayName":"User 7","status":"active"},"email":"user7@example.com","#
                + #""prev":"\#(AuditHead.zeroHash)","provider":"zoom","provider_id":"zoom-id-7","#
                + #""reasons":["displayName differs from the directory"],"run":"run-1","seq":3,"target":"zoom-prod","#
                + #""time":"2025-03-01T09:00:00.000Z","type":"intent"}"#
        )
    }

    @Test("Decoding a line and encoding it again gives the same bytes, and JSONEncoder with sorted keys agrees")
    func roundTrip() throws {
        var record = AuditRecord(seq: 12, time: "2025-03-01T09:00:00.000Z", run: "r", type: .outcome, prev: "ab")
        record.email = "ünïcode/slash \"quoted\" back\\slash\ttab\nnewline \u{01} control"
        record.after = ["Zeta": "1", "alpha": "2", "Alpha": "3", "_x": "4", "a_b": "5", "aB": "6"]
        record.counts = nil
        record.httpStatus = 409
        record.result = .failed
        record.message = "conflict"
        let line = record.encodedLine()
        let decoded = try JSONDecoder().decode(AuditRecord.self, from: Data(line))
        #expect(decoded == record)
        #expect(decoded.encodedLine() == line)

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: try encoder.encode(record), as: UTF8.self) == String(decoding: line, as: UTF8.self))
        #expect(!line.contains(UInt8(ascii: "\n")), "a value's newline must be escaped")
    }

    @Test("Run-end and recovered records use their own keys")
    func otherKinds() {
        var end = AuditRecord(seq: 9, time: "t", run: "r", type: .runEnd, prev: "p")
        end.counts = ["succeeded": 3, "failed": 1, "skipped": 0]
        end.result = .partial
        #expect(
            String(decoding: end.encodedLine(), as: UTF8.self)
                == #"{"counts":{"failed":1,"skipped":0,"succeeded":3},"prev":"p","result":"partial","run":"r","seq":9,"#
                + #""time":"t","type":"run-end"}"#
        )
        var recovered = AuditRecord(seq: 10, time: "t", run: "r", type: .recovered, prev: "p")
        recovered.tornLine = 11
        recovered.tornBytes = 40
        recovered.tornSHA256 = "h"
        #expect(
            String(decoding: recovered.encodedLine(), as: UTF8.self)
                == #"{"prev":"p","run":"r","seq":10,"time":"t","torn_bytes":40,"torn_line":11,"torn_sha256":"h","#
                + #""type":"recovered"}"#
        )
    }

    @Test("Time stamps are UTC with milliseconds and parse back; other ISO 8601 forms parse too")
    func timestamps() throws {
        let date = Date(timeIntervalSince1970: 1_740_821_400.1239)
        #expect(AuditTimestamp.format(date) == "2025-03-01T09:30:00.123Z")
        #expect(AuditTimestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        let parsed = try #require(AuditTimestamp.parse("2025-03-01T09:30:00.123Z"))
        #expect(abs(parsed.timeIntervalSince1970 - 1_740_821_400.123) < 0.0005)
        #expect(AuditTimestamp.parse("2025-03-01")?.timeIntervalSince1970 == 1_740_787_200)
        #expect(AuditTimestamp.parse("2025-03-01T11:30:00+02:00")?.timeIntervalSince1970 == 1_740_821_400)
        #expect(AuditTimestamp.parse("2025-03-01T11:30+0200")?.timeIntervalSince1970 == 1_740_821_400)
        #expect(AuditTimestamp.parse("2024-02-29T00:00:00Z") != nil)
        for bad in ["2025-02-29", "2025-03-01T09:30:00", "2025-13-01", "yesterday", "2025-03-01T25:00Z", ""] {
            #expect(AuditTimestamp.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("A head reads and writes as SEQ:HASH")
    func headText() {
        let hash = String(repeating: "ab", count: 32)
        #expect(AuditHead(parsing: "12:\(hash)") == AuditHead(seq: 12, hash: hash))
        #expect(AuditHead(parsing: "12:\(hash.uppercased())")?.hash == hash)
        #expect(AuditHead(seq: 12, hash: hash).description == "12:\(hash)")
        for bad in ["12", "x:\(hash)", "-1:\(hash)", "12:abc", "12:\(hash):1"] {
            #expect(AuditHead(parsing: bad) == nil, "\(bad)")
        }
    }
}
