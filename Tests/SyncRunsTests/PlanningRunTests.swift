import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncApply
import SyncPlanning
import SyncRuns
import Testing

/// `PlanningRun` called in process against the suite's slapd and the provider simulator over HTTP: what `plan`
/// and the planning half of `reconcile` rest on, without spawning `organizer-sync`.
@Suite("PlanningRun in process")
struct PlanningRunTests {
    /// The lifecycle world's round one: alice is new, bob's name changed, carol and dave left.
    static let lifecycleActions = [
        "create alice@example.com", "suspend carol@example.com", "suspend dave@example.com",
        "update bob@example.com",
    ]

    @Test func plansCreatesUpdatesAndSuspendsAndSealsTheSameContentEachTime() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: .lifecycle(.webex)) { world in
            let configuration = try world.configuration()
            let first = try await PlanningRun.run(configuration: configuration, names: [], logger: .quiet)
            let second = try await PlanningRun.run(configuration: configuration, names: [], logger: .quiet)

            #expect(first.snapshot.users.compactMap(\.email).sorted() == TestPerson.standard.map(\.email).sorted())
            #expect(actions(first.plan) == Self.lifecycleActions)
            let target = try #require(first.targets.first)
            #expect(target.accounts.count == SimulatorSeed.lifecycle(.webex)[.webex].accounts.count)
            #expect(target.plan.inScopeCount == TestPerson.standard.count, "every user of the subtree is in scope")
            #expect(first.plan.targets.map(\.gates.isEmpty) == [true])
            #expect(ExitReason(plan: first.plan) == .changesPending)

            // Sealed: the digest is the content's; only the date differs between two runs over the same inputs.
            try first.plan.verify()
            #expect(first.plan.digest == (try first.plan.contentDigest()))
            #expect(first.plan.configDigest == second.plan.configDigest)
            var again = first.plan
            again.createdAt = second.plan.createdAt
            #expect(try again.sealed().digest == second.plan.digest)

            // Planning changes nothing and writes no state.
            #expect(await world.writeRequests().isEmpty)
            #expect(!world.stateWasWritten)
        }
    }

    @Test func aTrippedGateBlocksThePlanAndItsApplyChangesNothing() async throws {
        let policy =
            "{ deprovision: { suspend_then_delete_after_days: 1 }, max_creates: { count: 100 }, "
            + "max_suspends: { count: 1, share: 1.0 }, max_deletes: { count: 100, share: 1.0 } }"
        let target = TestTarget.standard(.webex, policy: policy)
        try await ApplyFixture.with(targets: [target], seed: .lifecycle(.webex)) { world in
            let (run, file) = try await world.keptPlan()
            #expect(run.plan.isBlocked)
            #expect(run.plan.targets.flatMap { $0.gates.map(\.name) } == ["threshold.suspends.count"])
            #expect(ExitReason(plan: run.plan) == .blocked)
            #expect(!world.stateWasWritten, "planning a blocked plan wrote state")
            // A blocked plan is still kept, sealed, for review; owner read/write only.
            let kept = try Plan.decodeVerified(from: Data(contentsOf: URL(fileURLWithPath: file)))
            #expect(kept.digest == run.plan.digest && kept.isBlocked)
            #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)

            let before = await world.accounts(.webex)
            let error = await thrown { try await world.apply(file) }
            #expect((error as? ApplyError)?.code == .blocked, "\(String(describing: error))")
            #expect(error.map(ExitReason.init(for:)) == .blocked)
            #expect(await world.writeRequests().isEmpty)
            #expect(await world.accounts(.webex) == before)
            // The blocked run is on record, and nothing else.
            #expect(try world.auditTypes() == ["run-start", "run-end"])
            #expect(try world.auditRecords().last?["result"] as? String == "blocked")
        }
    }

    @Test func aStopWhileListingEndsInterruptedAndWritesNothing() async throws {
        try await ApplyFixture.with(people: TestPerson.many(3), targets: [.standard(.zoom)]) { world in
            var knobs = await world.simulator.knobs()
            knobs.zoom.listLatencyMilliseconds = 20_000
            await world.simulator.setKnobs(knobs)
            let configuration = try world.configuration()
            let trigger = StopTrigger()
            let planning = Task {
                try await ListingInterruption.run("plan", stops: trigger.requests, logger: .quiet) {
                    try await PlanningRun.run(configuration: configuration, names: [], logger: .quiet)
                }
            }
            try await waitUntil("plan has its token and lists", timeout: 60) {
                await world.simulator.requestLog().contains { $0.path.hasSuffix("/oauth/token") }
            }
            try await Task.sleep(for: .milliseconds(300))
            let stopped = ContinuousClock.now
            trigger.stop("SIGTERM")
            let error = await thrown { try await planning.value }
            #expect(ContinuousClock.now - stopped < .seconds(10), "the listing was not cut short")
            #expect((error as? RunError)?.code == .interrupted, "\(String(describing: error))")
            #expect(error.map(ExitReason.init(for:)) == .partial)
            #expect("\(error.map { "\($0)" } ?? "")".contains("plan stopped by SIGTERM"))
            #expect(await world.writeRequests().isEmpty)
            #expect(!world.stateWasWritten)
        }
    }
}
