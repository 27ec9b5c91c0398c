import AuditLog
import Foundation
import Testing

/// The run-start record's attribution members: written in the log's sorted form, read back, and absent from old
/// records, which still read and verify.
@Suite struct RunStartAttributionTests {
    @Test("uid, reason, ticket, overrides, plan maker and scheduler are written sorted and read back")
    func attributionRoundTrips() throws {
        var record = AuditRecord(seq: 1, time: "2026-12-01T09:00:00.000Z", run: "r", type: .runStart, prev: "p")
        record.user = "alice"
        record.uid = 1000
        record.reason = "joiners of December | <b>"
        record.ticket = "CHG-42"
        record.overrides = ["suspend_threshold"]
        record.planMaker = "bob@build"
        record.scheduler = ["kind": "systemd", "unit": "organizer-sync.service", "invocation_id": "ab"]
        let line = String(decoding: record.encodedLine(), as: UTF8.self)
        #expect(
            line
                == #"{"overrides":["suspend_threshold"],"plan_maker":"bob@build","prev":"p","#
                + #""reason":"joiners of December | <b>","run":"r","#
                + #""scheduler":{"invocation_id":"ab","kind":"systemd","unit":"organizer-sync.service"},"#
                + #""seq":1,"ticket":"CHG-42","time":"2026-12-01T09:00:00.000Z","type":"run-start","uid":1000,"#
                + #""user":"alice"}"#
        )
        let decoded = try JSONDecoder().decode(AuditRecord.self, from: Data(line.utf8))
        #expect(decoded == record)
        #expect(decoded.encodedLine() == record.encodedLine())
    }

    @Test("A run-start record written before attribution existed reads, and a log of such records verifies")
    func oldRecordsStillReadAndVerify() throws {
        let old =
            #"{"command":"organizer-sync apply plan.json","config_digest":"c","host":"h","plan_digest":"sha256:x","#
            + #""prev":"\#(AuditHead.zeroHash)","run":"r1","seq":1,"time":"2025-03-01T09:00:00.000Z","#
            + #""tool_version":"0.1.0","type":"run-start","user":"alice"}"#
        let record = try JSONDecoder().decode(AuditRecord.self, from: Data(old.utf8))
        #expect(record.uid == nil && record.reason == nil && record.ticket == nil && record.scheduler == nil)
        #expect(record.overrides == nil && record.planMaker == nil)
        #expect(String(decoding: record.encodedLine(), as: UTF8.self) == old, "an old line re-encodes to its bytes")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("old-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("audit.jsonl").path
        var end = AuditRecord(seq: 2, time: "2025-03-01T09:00:01.000Z", run: "r1", type: .runEnd, prev: "")
        end.prev = AuditRecord.hash(ofLine: Data(old.utf8))
        end.result = .succeeded
        end.counts = [:]
        try Data((old + "\n" + String(decoding: end.encodedLine(), as: UTF8.self) + "\n").utf8).write(
            to: URL(fileURLWithPath: path)
        )
        let verification = try AuditVerifier.verify(path: path)
        #expect(verification.isIntact, "\(verification)")
        #expect(verification.recordCount == 2)
    }
}
