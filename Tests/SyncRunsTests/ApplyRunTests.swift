import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderSimulator
import StateStore
import SyncApply
import SyncPlanning
import SyncRuns
import Testing

/// `ApplyRun` called in process, no `organizer-sync` spawned.
///
/// A kept plan carried out at the simulator over HTTP, with its audit records and state; refused plans, a
/// failing provider call and a held lock, each with its exit reason.
@Suite("ApplyRun in process")
struct ApplyRunTests {
    @Test func appliesAKeptPlanWithItsAuditRecordsAndState() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: .lifecycle(.webex)) { world in
            let (made, file) = try await world.keptPlan()
            let (plan, ending) = try await world.apply(file)
            #expect(plan.digest == made.plan.digest)
            #expect(ending.outcome == .succeeded)
            #expect(ending.status == .success)
            let report = try #require(ending.report)
            #expect(report.counts["succeeded"] == 4, "\(report.counts)")

            #expect(await world.account(.webex, "alice@example.com")?.status == .pending, "Webex invites new people")
            #expect(await world.account(.webex, "bob@example.com")?.lastName == "Baker")
            #expect(await world.account(.webex, "carol@example.com")?.status == .inactive)
            #expect(await world.account(.webex, "dave@example.com")?.status == .inactive)

            let types = try world.auditTypes()
            #expect(types.first == "run-start" && types.last == "run-end", "\(types)")
            #expect(types.filter { $0 == "intent" }.count == 4 && types.filter { $0 == "outcome" }.count == 4)
            #expect(try world.succeededChanges().sorted() == PlanningRunTests.lifecycleActions.map { "webex \($0)" })
            let start = try #require(try world.auditRecords().first)
            #expect(start["plan_digest"] as? String == made.plan.digest, "\(start)")
            #expect(try world.auditRecords().last?["result"] as? String == "succeeded")
            #expect(ending.runID == start["run"] as? String)

            // The state store knows the accounts, the suspensions and the run.
            #expect(try await world.sql("SELECT count(*) FROM managed_account WHERE target = 'webex'") == "4")
            #expect(
                try await world.sql("SELECT count(*) FROM managed_account WHERE suspended_at IS NOT NULL") == "2"
            )
            #expect(try await world.sql("SELECT result FROM run") == "succeeded")

            // The next plan has nothing to do.
            let next = try await PlanningRun.run(configuration: try world.configuration(), names: [], logger: .quiet)
            #expect(actions(next.plan) == [])
            #expect(ExitReason(plan: next.plan) == .success)
        }
    }

    @Test func aTamperedPlanFileIsRefusedAndNothingChanges() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: .lifecycle(.webex)) { world in
            let (_, file) = try await world.keptPlan()
            // One account's email changed in the file, the digest left as it was.
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains("carol@example.com"))
            let forged = world.folder.appendingPathComponent("forged.json").path
            try RunKeeper.writeAtomically(
                Data(text.replacingOccurrences(of: "carol@example.com", with: "bob@example.com").utf8),
                to: forged
            )
            let notAPlan = world.folder.appendingPathComponent("not-a-plan.json").path
            try RunKeeper.writeAtomically(Data("{\"hello\": 1}".utf8), to: notAPlan)

            for refused in [forged, notAPlan] {
                let error = await thrown { try await world.apply(refused) }
                #expect((error as? ApplyError)?.code == .planTampered, "\(refused): \(String(describing: error))")
                #expect(error.map(ExitReason.init(for:)) == .planRefused)
            }
            #expect(await world.writeRequests().isEmpty)
            #expect(try world.auditTypes() == [], "a refused plan left audit records")
        }
    }

    @Test func aPlanMadeFromAnotherConfigurationIsRefused() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: .lifecycle(.webex)) { world in
            let (_, file) = try await world.keptPlan()
            // The configuration changes after the plan was made (a comment is enough: the digest is over the file).
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: world.config))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("# edited after the plan\n".utf8))
            try handle.close()

            let error = await thrown { try await world.apply(file) }
            #expect((error as? ApplyError)?.code == .otherConfiguration, "\(String(describing: error))")
            #expect(error.map(ExitReason.init(for:)) == .planRefused)
            #expect(await world.writeRequests().isEmpty)
            #expect(try world.auditTypes() == [])
        }
    }

    @Test func aFailingProviderCallEndsPartialWithTheOutcomeRecorded() async throws {
        try await ApplyFixture.with(targets: [.standard(.zoom)], seed: .lifecycle(.zoom), concurrency: 1) { world in
            let (_, file) = try await world.keptPlan()
            // Zoom's daily cap on creating users, at 0: the create of alice is answered 429, a cap of its own.
            var knobs = await world.simulator.knobs()
            knobs.hostile.zoomCreateDailyCap = 0
            await world.simulator.setKnobs(knobs)

            let (_, ending) = try await world.apply(file)
            #expect(ending.outcome == .partial)
            #expect(ending.status == .partial)
            let results = try #require(ending.report?.targets.first?.results)
            let create = try #require(results.first { $0.kind == .create })
            #expect(create.status == .failed, "\(create)")
            #expect(create.errorCode == "rateLimited", "\(create)")
            #expect(await world.account(.zoom, "alice@example.com") == nil)
            // Only creating is capped: the suspensions and the update, on the same Light label, still go through.
            let others = results.filter { $0.kind != .create }
            #expect(others.count == 3 && others.allSatisfy { $0.status == .succeeded }, "\(others)")

            // Every failure is on record as the report has it.
            let records = try world.auditRecords()
            let failed = records.filter { $0["type"] as? String == "outcome" && $0["result"] as? String == "failed" }
            #expect(
                Set(failed.compactMap { $0["email"] as? String })
                    == Set(results.filter { $0.status == .failed }.map(\.email))
            )
            #expect(records.last?["result"] as? String == "partial")
            #expect(try await world.sql("SELECT result FROM run") == "partial")
        }
    }

    @Test func aStopDuringApplyFinishesTheChangeInFlightAndStartsNoOther() async throws {
        try await ApplyFixture.with(people: TestPerson.many(6), targets: [.standard(.webex)], concurrency: 1) { world in
            let (made, file) = try await world.keptPlan()
            let planned = made.plan.targets.first?.actions.count ?? 0
            try #require(planned == 6)
            await world.setLatency(milliseconds: 300)
            let trigger = StopTrigger()
            let applying = Task { try await world.apply(file, stops: trigger) }
            try await waitUntil("the first change was made", timeout: 60) {
                ((try? world.succeededChanges().count) ?? 0) >= 1
            }
            trigger.stop("SIGINT")
            let (_, ending) = try await applying.value

            #expect(ending.outcome == .interrupted)
            #expect(ending.status == .partial)
            let report = try #require(ending.report)
            #expect(report.wasInterrupted)
            let done = try world.succeededChanges().count
            #expect(done >= 1 && done < planned, "\(done) of \(planned) changes made")
            #expect(await world.accounts(.webex).count { $0.email.hasPrefix("user") } == done)
            #expect(try world.auditRecords().last?["result"] as? String == "interrupted")
        }
    }

    @Test func aRunHoldingTheLockRefusesTheApplyAndNothingChanges() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: .lifecycle(.webex)) { world in
            let (_, file) = try await world.keptPlan()
            try FileManager.default.createDirectory(at: world.stateFolder, withIntermediateDirectories: true)
            let lock = try StateLock.acquire(databasePath: world.database, command: "another run")
            defer { lock.release() }

            let error = await thrown { try await world.apply(file) }
            #expect((error as? StateLockError)?.code == .held, "\(String(describing: error))")
            #expect(error.map(ExitReason.init(for:)) == .locked)
            #expect(await world.writeRequests().isEmpty)
            #expect(try world.auditTypes() == [])
        }
    }
}
