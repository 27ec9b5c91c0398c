import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

@testable import AuditLog

/// The audit log's own line reader (``AuditRecord/scanned(_:)``) against `JSONDecoder`: the same record, hash,
/// verdict and message for every line, the log's and broken ones.
@Suite struct AuditRecordScanTests {
    /// Strings that need escapes, non-ASCII, astral scalars and a control character or two.
    static let hostile = [
        "plain", "", "quote \" backslash \\ slash / tab \t nl \n cr \r bs \u{8} ff \u{C} nul \u{0} esc \u{1B}",
        "Zoë Ångström 張偉 Дмитрий", "emoji 👩🏽‍💻 🇳🇱", "\u{202E}rtl", "\u{7F}\u{85}\u{2028}", "a@b.example",
    ]

    /// One record of every kind, every member a kind uses filled, with ``hostile`` values.
    static func records() -> [AuditRecord] {
        var records: [AuditRecord] = []
        for (index, kind) in AuditRecord.Kind.allCases.enumerated() {
            let text = hostile[index % hostile.count]
            var record = AuditRecord(
                seq: index + 1,
                time: "2026-12-03T14:38:11.347Z",
                run: "20261203T143809Z-d4ec",
                type: kind,
                prev: String(repeating: "a", count: 64)
            )
            record.user = text
            record.host = "host-\(text)"
            record.command = "organizer-sync apply \(text)"
            record.toolVersion = "1.2.3"
            record.configDigest = "sha256:\(text)"
            record.planDigest = text
            record.uid = -index
            record.reason = text
            record.ticket = "CHG-\(index)"
            record.overrides = index.isMultiple(of: 2) ? [] : hostile
            record.planMaker = text
            record.scheduler = ["kind": "systemd", text: text]
            record.target = text
            record.provider = "zoom"
            record.action = AuditAction.allCases[index % AuditAction.allCases.count]
            record.email = text
            record.anchor = text
            record.providerId = text
            record.before = Dictionary(uniqueKeysWithValues: hostile.map { ("k\($0)", $0) })
            record.after = [:]
            record.reasons = hostile
            record.result = AuditResult.allCases[index % AuditResult.allCases.count]
            record.errorCode = text
            record.providerCode = text
            record.trackingId = text
            record.httpStatus = 429
            record.message = text
            record.counts = ["succeeded": Int.max, "failed": Int.min, text: 0]
            record.tornLine = 7
            record.tornBytes = 0
            record.tornSHA256 = text
            record.stateId = text
            record.stateGeneration = 123_456_789
            record.mac = text
            record.keyId = text
            record.brokenLine = 1
            record.expectedHead = text
            record.foundHead = text
            record.intentSeq = index
            record.inScope = index.isMultiple(of: 2) ? [:] : [text: 5]
            records.append(record)
            // And the kind with only the envelope.
            records.append(AuditRecord(seq: 100 + index, time: "t", run: "r", type: kind, prev: ""))
        }
        return records
    }

    /// The lines of a log the writer wrote: runs with changes, a checkpoint.
    static func writtenLines() throws -> [[UInt8]] {
        let folder = try TemporaryDirectory(prefix: "audit-scan")
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("audit.jsonl").path
        try AuditLogFixtures.writeRun(to: path, run: "run-1", changes: 3)
        try AuditLogFixtures.writeRun(to: path, run: "run-2", changes: 2)
        let writer = try AuditLogWriter.open(path: path, run: "run-3")
        try writer.append(.checkpoint(try #require(AuditKey(bytes: Array(repeating: 7, count: 32)))))
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return data.split(separator: 0x0A).map(Array.init)
    }

    /// `JSONDecoder`'s verdict and the scanner's are the same for `line`.
    static func expectSame(_ line: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let scanned = ParsedLine(line, scanning: true)
        let decoded = ParsedLine(line, scanning: false)
        let same: Bool
        switch (scanned, decoded) {
        case (.record(let first, let firstHash), .record(let second, let secondHash)):
            same = first == second && firstHash == secondHash
        case (.malformed(let first), .malformed(let second)): same = first == second
        case (.unparseable, .unparseable): same = true
        default: same = false
        }
        #expect(same, "\(String(decoding: line, as: UTF8.self).debugDescription)", sourceLocation: sourceLocation)
    }

    @Test("Every record kind, written by encodedLine and by the writer, reads the same through both")
    func sameRecords() throws {
        let lines = Self.records().map { $0.encodedLine() } + (try Self.writtenLines())
        #expect(lines.count > 25)
        for line in lines {
            let scanned = line.withUnsafeBytes(AuditRecord.scanned)
            let decoded = try JSONDecoder().decode(AuditRecord.self, from: Data(line))
            #expect(scanned == decoded, "\(String(decoding: line, as: UTF8.self).debugDescription)")
            Self.expectSame(line)
        }
        let record = try #require(Self.records().first)
        #expect(record.encodedLine().withUnsafeBytes(AuditRecord.scanned) == record, "round trip")
    }

    @Test("Lines in another shape get JSONDecoder's verdict: white space, escapes, floats, nulls, repeats, cuts")
    func otherShapes() throws {
        let line = Array(String(decoding: Self.records()[0].encodedLine(), as: UTF8.self).utf8)
        let text = String(decoding: line, as: UTF8.self)
        var variants: [String] = [
            text.replacingOccurrences(of: ",", with: ", "), " " + text, text + " ",
            text.replacingOccurrences(of: "\"seq\":1", with: "\"seq\":1.0"),
            text.replacingOccurrences(of: "\"seq\":1", with: "\"seq\":1e0"),
            text.replacingOccurrences(of: "\"seq\":1", with: "\"seq\":-0"),
            text.replacingOccurrences(of: "\"seq\":1", with: "\"seq\":01"),
            text.replacingOccurrences(of: "\"seq\":1", with: "\"seq\":99999999999999999999"),
            text.replacingOccurrences(of: "\"seq\":1", with: "\"seq\":null"),
            text.replacingOccurrences(of: "\"seq\":1", with: "\"seq\":\"1\""),
            text.replacingOccurrences(of: "\"seq\":1", with: "\"seq\":1,\"seq\":2"),
            text.replacingOccurrences(of: "\"seq\":1,", with: ""),
            text.replacingOccurrences(of: "\"seq\":1", with: "\"seq\":1,\"extra\":[1,{\"a\":null}]"),
            text.replacingOccurrences(of: "\"type\":\"run-start\"", with: "\"type\":\"nope\""),
            text.replacingOccurrences(of: "\"plain\"", with: "\"pl\\u0061in\\ud83d\\ude00\\u00e9\""),
            text.replacingOccurrences(of: "\"plain\"", with: "\"\\ud83d\""),
            text.replacingOccurrences(of: "\"plain\"", with: "\"\\ude00x\""),
            text.replacingOccurrences(of: "\"plain\"", with: "\"\\x\""),
            text.replacingOccurrences(of: "\"plain\"", with: "\"\\u12\""),
            text.replacingOccurrences(of: "\"kind\":\"systemd\"", with: "\"kind\":\"systemd\",\"kind\":\"cron\""),
            text.replacingOccurrences(of: "\"http_status\":429", with: "\"http_status\":true"),
            text.replacingOccurrences(of: "\"overrides\":[]", with: "\"overrides\":[1]"),
            "{}", "[]", "null", "", "{\"seq\":1}", "junk",
        ]
        variants += (0..<line.count).map { String(decoding: line[..<$0], as: UTF8.self) }
        for variant in variants { Self.expectSame(Array(variant.utf8)) }
        // Bytes that are not UTF-8, inside a string and as a raw control character.
        for byte: UInt8 in [0xFF, 0xC0, 0x80, 0x01, 0x0A] {
            var broken = line
            broken[broken.count / 2] = byte
            Self.expectSame(broken)
            let at = try #require(line.firstIndex(of: UInt8(ascii: "p")))
            broken = line
            broken.insert(byte, at: at)
            Self.expectSame(broken)
        }
    }
}
