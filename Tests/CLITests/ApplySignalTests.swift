import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGTERM (`systemctl stop`) to a real `organizer-sync apply` while it lists a provider: the listing stops at
/// its next page, nothing is changed, the run ends as interrupted (exit 6) and the audit log says so.
@Suite(.serialized) struct ApplySignalTests {
    @Test func sigtermDuringTheProviderListingEndsTheApplyAsInterrupted() async throws {
        try await ApplyFixture.with(people: TestPerson.many(3), targets: [.standard(.zoom)]) { world in
            let made = try await world.plan()
            try #require(made.result.status == 2, "\(made.result)")
            let isListing: @Sendable (LoggedRequest) -> Bool = { $0.method == "GET" && $0.path == "/zoom/v2/users" }
            let listedByPlan = await world.simulator.requestLog().count(where: isListing)
            let auditBefore = (try? world.auditLines().count) ?? 0

            // Each listing page takes 1.5 s; Zoom lists active, inactive and pending users one after the other.
            var knobs = await world.simulator.knobs()
            knobs.zoom.listLatencyMilliseconds = 1_500
            await world.simulator.setKnobs(knobs)
            let apply = try await world.start(["apply", made.file, "--log-level", "info"])
            try await waitUntil("the apply has listed one page") {
                if apply.hasEnded { throw ProcessRunnerError("the apply ended early: \(try await apply.wait())") }
                return await world.simulator.requestLog().count(where: isListing) > listedByPlan
            }
            let signalled = ContinuousClock.now
            apply.kill(SIGTERM)
            let result = try await apply.wait(timeout: 30)
            let took = ContinuousClock.now - signalled

            #expect(result.status == 6, "\(result)")
            #expect(took < .seconds(10), "the apply took \(took) to stop")
            #expect(result.stdout.contains("Interrupted"), "\(result.stdout)")
            #expect(result.stderr.contains("signal received"), "\(result.stderr)")
            let listedByApply = await world.simulator.requestLog().count(where: isListing) - listedByPlan
            #expect(listedByApply < 3, "the listing went on after the signal: \(listedByApply) pages")

            // Nothing half-applied: no change reached the provider, no account was made.
            #expect(await world.writeRequests().isEmpty)
            #expect(await world.accounts(.zoom).filter { $0.email.hasPrefix("user") }.isEmpty)
            #expect(try world.succeededChanges().isEmpty)

            // The log verifies and its last run ends as interrupted.
            let verify = try await world.run(["audit", "verify"])
            #expect(verify.status == 0, "\(verify)")
            let records = try world.auditRecords()
            #expect(records.count > auditBefore)
            let end = try #require(records.last { $0["type"] as? String == "run-end" })
            #expect(end["result"] as? String == "interrupted", "\(end)")

            // The same plan, undisturbed, is applied in full afterwards.
            knobs.zoom.listLatencyMilliseconds = 0
            await world.simulator.setKnobs(knobs)
            let rerun = try await world.run(["apply", made.file])
            #expect(rerun.status == 0, "\(rerun)")
            #expect(await world.accounts(.zoom).filter { $0.email.hasPrefix("user") }.count == 3)
        }
    }
}
