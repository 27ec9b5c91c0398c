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

    static let deletes = BlockedGate(name: "threshold.deletes.count", observed: 20, limit: 10, blocks: [.delete])

    @Test("A sealed, fresh plan from the same configuration is accepted")
    func accepted() throws {
        #expect(Self.refusal(try Self.plan(), Self.options()) == nil)
    }

    @Test("Each refusal names its check", arguments: [
        ("tampered", ApplyError.Code.planTampered),
        ("other configuration", .otherConfiguration),
        ("too old", .planTooOld),
        ("from the future", .planTampered),
        ("unknown target", .unknownTarget),
        ("blocked", .blocked),
        ("override of a gate not tripped", .unknownOverride),
    ])
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
