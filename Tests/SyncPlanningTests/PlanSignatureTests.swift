import Foundation
import SyncPlanning
import Testing

/// Plan signatures and approvals: outside the sealed content, written as `JSONEncoder` writes them, and bound to the
/// digest, the reviewer's name and reason.
@Suite struct PlanSignatureTests {
    static let maker = PlanSigningKey()
    static let reviewer = PlanSigningKey()

    static func signedAndApproved() throws -> Plan {
        try PlanWritingTests.plan().signed(with: maker, keyName: "planner")
            .approved(with: reviewer, name: "Alice", reason: "CHG-1", at: Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test func signatureAndApprovalsAreWrittenAsJSONEncoderWritesThemAndLeftOutOfTheDigest() throws {
        let plan = try Self.signedAndApproved()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var expected = try encoder.encode(plan)
        expected.append(0x0A)
        #expect(try plan.encoded() == expected)
        #expect(try Plan.decodeVerified(from: plan.encoded()) == plan)
        #expect(try plan.contentDigest() == PlanWritingTests.plan().digest)
    }

    @Test func theSignatureVerifiesOnlyAgainstTheMakersKeyAndOnlyForTheSealedContent() throws {
        let plan = try Self.signedAndApproved()
        let trusted = Self.maker.publicKey(named: "planner")
        #expect(try plan.verifySignature(trusted: [trusted]).name == "planner")
        expectPlanError(.untrustedKey) {
            try plan.verifySignature(trusted: [Self.reviewer.publicKey(named: "x")])
        }
        var unsigned = plan
        unsigned.signature = nil
        expectPlanError(.notSigned) { _ = try unsigned.verifySignature(trusted: [trusted]) }
        var resealed = plan
        resealed.configDigest = "other"
        resealed.digest = nil
        resealed = try resealed.sealed()
        expectPlanError(.badSignature) { _ = try resealed.verifySignature(trusted: [trusted]) }
    }

    @Test func approvalsCountOncePerListedReviewerAndBindTheirNameAndReason() throws {
        var plan = try Self.signedAndApproved()
        let alice = Self.reviewer.publicKey(named: "alice")
        #expect(plan.validApprovals(reviewers: [alice]).count == 1)
        #expect(plan.validApprovals(reviewers: [Self.maker.publicKey(named: "m")]).isEmpty)
        let first = try #require(plan.approvals?.first)
        plan.approvals?.append(first)
        #expect(plan.validApprovals(reviewers: [alice]).count == 1, "a copied approval counts once")
        plan.approvals?[0].reason = "something else"
        plan.approvals?[1].name = "Mallory"
        #expect(plan.validApprovals(reviewers: [alice]).isEmpty, "an edited name or reason voids the approval")
        expectPlanError(.malformed) {
            _ = try plan.approved(with: Self.reviewer, name: "A\nB", reason: "r", at: Date())
        }
    }
}
