import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderSimulator
import StateStore
import SyncApply
import SyncPlanning
import SyncRuns
import Testing

/// `ReconcileRun` called in process, no `organizer-sync` spawned.
///
/// Plan and apply in one run, the runs folder and the metrics, a second run with nothing to do, a gate, a stop
/// while listing and a held lock.
@Suite("ReconcileRun in process")
struct ReconcileRunTests {
    @Test func plansAppliesKeepsTheSignedPlanAndTheSecondRunHasNothingToDo() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: .lifecycle(.webex)) { world in
            let run = try await world.reconcile()
            #expect(run.failure == nil, "\(String(describing: run.failure))")
            #expect(run.keepingFailure == nil, "\(String(describing: run.keepingFailure))")
            #expect(run.ending.outcome == .succeeded)
            #expect(run.ending.status == .success)
            let plan = try #require(run.plan)
            #expect(actions(plan) == PlanningRunTests.lifecycleActions)
            #expect(try world.succeededChanges().count == 4)
            #expect(await world.account(.webex, "carol@example.com")?.status == .inactive)

            // The plan is kept, sealed, in the runs folder under the run's id, beside the summary.
            let folder = URL(fileURLWithPath: world.runsFolder).appendingPathComponent(run.runID)
            #expect(run.planFile == folder.appendingPathComponent("plan.json").path)
            let kept = try Plan.decodeVerified(from: Data(contentsOf: folder.appendingPathComponent("plan.json")))
            #expect(kept.digest == plan.digest)
            let summary = try #require(run.summary)
            #expect(summary.result == .succeeded && summary.exitCode == 0)
            let written = try #require(
                JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json")))
                    as? [String: Any]
            )
            #expect(written["result"] as? String == "succeeded", "\(written)")
            #expect(written["run"] as? String == run.runID)

            // The metrics say the same.
            let metrics = try String(contentsOfFile: world.metricsFile, encoding: .utf8)
            #expect(metrics.contains("organizer_sync_last_run_result{result=\"succeeded\"} 1"), "\(metrics)")
            #expect(
                metrics.contains(
                    "organizer_sync_applied_actions{target=\"webex\",provider=\"webex\",action=\"suspend\","
                        + "result=\"succeeded\"} 2"
                ),
                "\(metrics)"
            )

            // Right after: nothing to do, nothing sent.
            let writes = await world.writeRequests().count
            let second = try await world.reconcile()
            #expect(second.ending.status == .success)
            #expect(second.plan.map(actions) == [])
            #expect(second.runID != run.runID)
            #expect(await world.writeRequests().count == writes)
            #expect(try world.keptRuns().count == 2)
        }
    }

    @Test func aTrippedGateEndsTheRunBlockedWithNothingApplied() async throws {
        let policy =
            "{ deprovision: { suspend_then_delete_after_days: 1 }, max_creates: { count: 100 }, "
            + "max_suspends: { count: 1, share: 1.0 }, max_deletes: { count: 100, share: 1.0 } }"
        try await ApplyFixture.with(targets: [.standard(.webex, policy: policy)], seed: .lifecycle(.webex)) { world in
            let run = try await world.reconcile()
            #expect(run.standingGates == ["threshold.suspends.count"])
            #expect(run.ending.outcome == .blocked)
            #expect(run.ending.status == .blocked)
            #expect(run.failureText == "blocked by threshold.suspends.count; nothing was changed")
            #expect(await world.writeRequests().isEmpty)
            #expect(try world.auditRecords().last?["result"] as? String == "blocked")
            #expect(run.planFile != nil, "a blocked run keeps its plan for review")

            // Overriding the gate applies the plan.
            let overridden = try await world.reconcile(overrides: ["threshold.suspends.count"])
            #expect(overridden.ending.status == .success, "\(String(describing: overridden.failure))")
            #expect(await world.account(.webex, "carol@example.com")?.status == .inactive)
        }
    }

    @Test func aStopWhileListingEndsTheRunInterruptedAndRecordsIt() async throws {
        try await ApplyFixture.with(people: TestPerson.many(3), targets: [.standard(.zoom)]) { world in
            var knobs = await world.simulator.knobs()
            knobs.zoom.listLatencyMilliseconds = 20_000
            await world.simulator.setKnobs(knobs)
            let trigger = StopTrigger()
            let reconciling = Task { try await world.reconcile(stops: trigger) }
            try await waitUntil("reconcile has its token and lists", timeout: 60) {
                await world.simulator.requestLog().contains { $0.path.hasSuffix("/oauth/token") }
            }
            try await Task.sleep(for: .milliseconds(300))
            let stopped = ContinuousClock.now
            trigger.stop("SIGINT")
            let run = try await reconciling.value
            #expect(ContinuousClock.now - stopped < .seconds(10), "the listing was not cut short")
            #expect(run.ending.outcome == .interrupted)
            #expect(run.ending.status == .partial)
            #expect((run.failure as? RunError)?.code == .interrupted)
            #expect(run.planFile == nil, "an interrupted run kept a plan")
            #expect(await world.writeRequests().isEmpty)
            #expect(try world.auditRecords().last?["result"] as? String == "interrupted")
            #expect(run.summary?.result == .interrupted)
            #expect(world.lockHolder() == nil)
        }
    }

    @Test func aRunHoldingTheLockRefusesReconcile() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: .lifecycle(.webex)) { world in
            try FileManager.default.createDirectory(at: world.stateFolder, withIntermediateDirectories: true)
            let lock = try StateLock.acquire(databasePath: world.database, command: "another run")
            defer { lock.release() }
            let error = await thrown { try await world.reconcile() }
            #expect((error as? StateLockError)?.code == .held, "\(String(describing: error))")
            #expect(error.map(ExitReason.init(for:)) == .locked)
            #expect(await world.writeRequests().isEmpty)
            #expect(try world.auditTypes() == [])
        }
    }
}
