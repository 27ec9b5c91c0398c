import Foundation
import OrganizerSyncCore
import SyncPlanning
import Testing

@Suite struct PlanSealingTests {
    static func samplePlan() throws -> Plan {
        let target = Planner(policy: Fixture.lenient).plan(
            target: "zoom-main",
            provider: .zoom,
            desired: [
                Fixture.user(
                    "u1",
                    "alice@example.com",
                    title: "Eng",
                    userType: "2",
                    licenceRule: "group:licensed"
                ),
                Fixture.user("u2", "bob@example.com", title: "Lead"),
            ],
            accounts: [
                Fixture.account("z2", "bob@example.com", title: "Eng"),
                Fixture.account("z3", "carol@example.com"),
            ],
            state: SyncState(
                accounts: [Fixture.record("u3", "z3", "carol@example.com")],
                lastInScopeCount: 3
            ),
            now: Fixture.now
        )
        return try Plan(
            toolVersion: "0.1.0",
            createdAt: "2027-01-15T08:00:00Z",
            configDigest: String(repeating: "ab", count: 32),
            targets: [target]
        ).sealed()
    }

    @Test func roundTripKeepsTheSealValid() throws {
        let plan = try PlanSealingTests.samplePlan()
        let data = try plan.encoded()
        let decoded = try Plan.decodeVerified(from: data)
        #expect(decoded == plan)
        #expect(try decoded.encoded() == data)
        #expect(plan.digest?.hasPrefix("sha256:") == true)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"formatVersion\" : 1"))
        #expect(plan.targets[0].summary.create == 1 && plan.targets[0].summary.update == 1)
    }

    @Test func anyChangedByteOfTheActionsIsDetected() throws {
        let data = try PlanSealingTests.samplePlan().encoded()
        let bytes = [UInt8](data)
        let text = try #require(String(data: data, encoding: .utf8))
        let start = try #require(text.range(of: "\"actions\" : ["))
        let end = try #require(text.range(of: "\"conflicts\" :"))
        let lower = text.utf8.distance(from: text.startIndex, to: start.lowerBound)
        let upper = text.utf8.distance(from: text.startIndex, to: end.lowerBound)
        #expect(upper - lower > 500)
        for offset in lower..<upper {
            var tampered = bytes
            tampered[offset] = bytes[offset] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
            #expect(throws: PlanError.self, "byte \(offset)") {
                try Plan.decodeVerified(from: Data(tampered))
            }
        }
    }

    @Test func semanticTamperingIsADigestMismatch() throws {
        var plan = try PlanSealingTests.samplePlan()
        plan.targets[0].actions[0].email = "mallory@example.com"
        expectPlanError(.digestMismatch) { try plan.verify() }
        var unblocked = try PlanSealingTests.samplePlan()
        unblocked.isBlocked.toggle()
        expectPlanError(.digestMismatch) { try unblocked.verify() }
    }

    @Test func unsealedUnknownVersionAndGarbageAreRefused() throws {
        var plan = try PlanSealingTests.samplePlan()
        plan.digest = nil
        expectPlanError(.notSealed) { try plan.verify() }
        var future = try PlanSealingTests.samplePlan()
        future.formatVersion = 99
        expectPlanError(.unsupportedFormatVersion) { try future.verify() }
        expectPlanError(.malformed) { _ = try Plan.decode(from: Data("not json".utf8)) }
    }

    @Test func blockedPlanIsStillSealedAndMarked() throws {
        let accounts = (0..<3).map { Fixture.account("\($0)", "l\($0)@example.com") }
        let records = (0..<3).map { Fixture.record("l\($0)", "\($0)", "l\($0)@example.com") }
        let target = Planner().plan(
            target: "goto",
            provider: .goto,
            desired: [],
            accounts: accounts,
            state: SyncState(accounts: records, lastInScopeCount: 3),
            now: Fixture.now
        )
        let plan = try Plan(
            toolVersion: "0.1.0",
            date: Fixture.now,
            configDigest: "c",
            targets: [target]
        ).sealed()
        #expect(plan.createdAt == "2027-01-15T08:00:00Z")
        #expect(plan.isBlocked)
        #expect(
            plan.targets[0].gates.map(\.name) == [
                "threshold.suspends.share", "guard.emptyDirectory", "guard.shrunkDirectory",
            ]
        )
        #expect(
            plan.targets[0].gates[0].summary == "threshold.suspends.share: 3 suspends, limit 10.0% of 3"
        )
        let decoded = try Plan.decodeVerified(from: plan.encoded())
        #expect(decoded.isBlocked && decoded.targets[0].summary.suspend == 3)
        #expect(
            PlanRenderer().render(decoded).contains("BLOCKED guard.shrunkDirectory: 0 users in scope")
        )
    }

    @Test func emptyPlanRendersNoChanges() throws {
        let target = Planner().plan(
            target: "webex",
            provider: .webex,
            desired: [Fixture.user("u1", "a@example.com")],
            accounts: [Fixture.account("1", "A@example.com")],
            state: SyncState(),
            now: Fixture.now
        )
        let plan = Plan(toolVersion: "0.1.0", date: Fixture.now, configDigest: "c", targets: [target])
        #expect(!plan.hasChanges && !plan.isBlocked)
        #expect(
            PlanRenderer().render(plan).hasSuffix("No changes. The accounts match the directory.\n")
        )
    }

    @Test func rendererShowsActionsReasonsAndGates() throws {
        var plan = try PlanSealingTests.samplePlan()
        let text = PlanRenderer().render(plan)
        #expect(
            text.contains(
                "Target zoom-main (zoom): 1 to create, 1 to update, 0 to reactivate, 1 to suspend"
            )
        )
        #expect(text.contains("+ create alice@example.com"))
        #expect(text.contains("title: \"Eng\" -> \"Lead\""))
        #expect(text.contains("field title changed"))
        #expect(text.contains("- suspend carol@example.com"))
        #expect(text.contains("not in scope any more"))
        plan.targets[0].gates = [
            BlockedGate(name: "guard.emptyDirectory", observed: 0, limit: 1, blocks: [.suspend])
        ]
        plan.isBlocked = true
        #expect(PlanRenderer().render(plan).contains("BLOCKED guard.emptyDirectory"))
    }
}

/// Expects `body` to throw a ``PlanError`` with `code`.
func expectPlanError(
    _ code: PlanError.Code,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected PlanError \(code)", sourceLocation: sourceLocation)
    } catch let error as PlanError {
        #expect(error.code == code, sourceLocation: sourceLocation)
        #expect(!error.description.contains("@"), sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
