import Foundation
import OrganizerSyncCore
import SyncApply
import SyncPlanning
import Testing

/// The checks a plan passes before apply changes anything.
@Suite("Plan acceptance")
struct PlanAcceptanceTests {
    static let made = Date(timeIntervalSince1970: 1_800_000_000)

    static func plan(gates: [BlockedGate] = [], configDigest: String = "c") throws -> Plan {
        let target = TargetPlan(
            target: "zoom",
            provider: .zoom,
            directoryDigest: "d",
            providerDigest: "p",
            stateDigest: "s",
            inScopeCount: 1,
            accountCount: 1,
            actions: [],
            conflicts: [],
            protected: [],
            unmanaged: [],
            deferredDeletions: [],
            gates: gates
        )
        return try Plan(toolVersion: "t", date: made, configDigest: configDigest, targets: [target]).sealed()
    }

    static func options(_ overrides: Set<String> = [], at minutes: Double = 1, digest: String = "c") -> ApplyOptions {
        ApplyOptions(
            configDigest: digest,
            maxPlanAge: 3600,
            overriddenGates: overrides,
            now: made.addingTimeInterval(minutes * 60)
        )
    }

    static func refusal(_ plan: Plan, _ options: ApplyOptions, targets: Set<String> = ["zoom"]) -> ApplyError.Code? {
        do {
            try PlanAcceptance.check(plan, options: options, targets: targets)
            return nil
        } catch {
            return error.code
        }
    }

    @Test(
        "A refusal says what to do next",
        arguments: [
            ("tampered", "the file changed after plan wrote it: make a new plan with plan --out"),
            ("from the future", "check this machine's clock and the plan maker's, then make a new plan"),
            ("unknown target", "apply the plan with the configuration it was made from (--config)"),
        ]
    )
    func refusalSaysWhatToDo(situation: String, next: String) throws {
        var plan = try Self.plan()
        var options = Self.options()
        var targets: Set<String> = ["zoom"]
        switch situation {
        case "tampered": plan.targets[0].inScopeCount = 2
        case "from the future": options = Self.options(at: -30)
        default: targets = ["webex"]
        }
        do throws(ApplyError) {
            try PlanAcceptance.check(plan, options: options, targets: targets)
            Issue.record("a \(situation) plan was accepted")
        } catch {
            #expect(error.detail.contains(next), "\(error)")
        }
    }

    static let deletes = BlockedGate(name: "threshold.deletes.count", observed: 20, limit: 10, blocks: [.delete])

    @Test("A sealed, fresh plan from the same configuration is accepted")
    func accepted() throws {
        #expect(Self.refusal(try Self.plan(), Self.options()) == nil)
    }

    @Test("A plan one minute and some seconds old, against a limit of one minute, says so in the right number")
    func tooOldWording() throws {
        let options = ApplyOptions(configDigest: "c", maxPlanAge: 60, now: Self.made.addingTimeInterval(114))
        let plan = try Self.plan()
        do throws(ApplyError) {
            try PlanAcceptance.check(plan, options: options, targets: ["zoom"])
            Issue.record("a plan older than the limit was accepted")
        } catch {
            #expect(error.code == .planTooOld)
            #expect(error.detail.contains("the plan is 1 minute 54 seconds old"), "\(error)")
            #expect(error.detail.contains("accepts plans up to 1 minute old"), "\(error)")
            #expect(!error.detail.contains("1 minutes"), "\(error)")
        }
    }

    @Test(
        "Counts and durations are worded in the right number",
        arguments: [
            (0.0, "0 seconds"), (1, "1 second"), (59, "59 seconds"), (60, "1 minute"), (114, "1 minute 54 seconds"),
            (120, "2 minutes"), (3600, "1 hour"), (3660, "1 hour 1 minute"), (90_000, "1 day 1 hour"),
            (172_800, "2 days"),
        ]
    )
    func durations(seconds: Double, words: String) {
        #expect(Wording.duration(seconds: seconds) == words)
    }

    @Test(
        "Each refusal names its check",
        arguments: [
            ("tampered", ApplyError.Code.planTampered),
            ("other configuration", .otherConfiguration),
            ("too old", .planTooOld),
            ("from the future", .planTampered),
            ("unknown target", .unknownTarget),
            ("blocked", .blocked),
            ("override of a gate not tripped", .unknownOverride),
        ]
    )
    func refused(situation: String, code: ApplyError.Code) throws {
        var plan = try Self.plan()
        var options = Self.options()
        var targets: Set<String> = ["zoom"]
        switch situation {
        case "tampered": plan.targets[0].inScopeCount = 2
        case "other configuration": options = Self.options(digest: "other")
        case "too old": options = Self.options(at: 61)
        case "from the future": options = Self.options(at: -30)
        case "unknown target": targets = ["webex"]
        case "blocked": plan = try Self.plan(gates: [Self.deletes])
        default: options = Self.options(["threshold.deletes.count"])
        }
        #expect(Self.refusal(plan, options, targets: targets) == code)
    }

    @Test("A blocked plan is accepted when every gate it tripped is overridden by name")
    func overridden() throws {
        let plan = try Self.plan(gates: [Self.deletes])
        #expect(Self.refusal(plan, Self.options(["threshold.deletes.count"])) == nil)
    }
}
