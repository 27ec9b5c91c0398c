import Foundation
import OrganizerSyncCore
import Testing

@testable import AuditLog

/// The exact lines of outcome and adoption records, pinned so that a change to how an event fills its record
/// cannot change a byte of what is written (records are hash-chained: old logs must still verify).
@Suite("Audit event lines")
struct AuditEventLineTests {
    static let time = "2025-03-01T09:00:00.000Z"

    static func line(_ event: AuditEvent, seq: Int) -> String {
        let record = event.record(seq: seq, time: time, run: "run-1", prev: AuditHead.zeroHash)
        return String(decoding: record.encodedLine(), as: UTF8.self)
    }

    @Test("An outcome of a create carries the change's account, the new id and the provider's answer")
    func createOutcomeLine() {
        let change = AuditLogFixtures.change(8, action: .create)
        let outcome = AuditEvent.Outcome(
            for: change,
            result: .succeeded,
            providerId: "zoom-new-8",
            after: ["status": "active"]
        )
        #expect(
            Self.line(.outcome(outcome), seq: 4)
                == #"{"action":"create","after":{"status":"active"},"anchor":"anchor-8","email":"user8@example.com","#
                + #""prev":"\#(AuditHead.zeroHash)","provider":"zoom","provider_id":"zoom-new-8","result":"succeeded","#
                + #""run":"run-1","seq":4,"target":"zoom-prod","time":"2025-03-01T09:00:00.000Z","type":"outcome"}"#
        )
    }

    @Test("A failed outcome keeps the change's id and never its fields before or intended")
    func failedOutcomeLine() {
        let outcome = AuditEvent.Outcome(
            for: AuditLogFixtures.change(7),
            result: .failed,
            errorCode: "conflict",
            providerCode: "1001",
            trackingId: "t-1",
            httpStatus: 409,
            message: "conflict"
        )
        #expect(
            Self.line(.outcome(outcome), seq: 5)
                == #"{"action":"update","anchor":"anchor-7","email":"user7@example.com","error_code":"conflict","#
                + #""http_status":409,"message":"conflict","prev":"\#(AuditHead.zeroHash)","provider":"zoom","#
                + #""provider_code":"1001","provider_id":"zoom-id-7","result":"failed","run":"run-1","seq":5,"#
                + #""target":"zoom-prod","time":"2025-03-01T09:00:00.000Z","tracking_id":"t-1","type":"outcome"}"#
        )
    }

    @Test("An adoption carries the account and the reasons, and no action")
    func adoptionLine() {
        let adoption = AuditEvent.Adoption(
            target: "zoom-prod",
            provider: "zoom",
            email: "user9@example.com",
            anchor: "anchor-9",
            providerId: "zoom-id-9",
            reasons: ["matched by email"]
        )
        #expect(
            Self.line(.adoption(adoption), seq: 6)
                == #"{"anchor":"anchor-9","email":"user9@example.com","prev":"\#(AuditHead.zeroHash)","#
                + #""provider":"zoom","provider_id":"zoom-id-9","reasons":["matched by email"],"run":"run-1","seq":6,"#
                + #""target":"zoom-prod","time":"2025-03-01T09:00:00.000Z","type":"adoption"}"#
        )
    }
}
