import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

/// Zoom's daily cap on `POST /users` with `action=create`: once hit, the target's other creates are left for
/// the next run (exit 6), never sent into the same limit again.
@Suite(.serialized) struct ZoomCreateCapTests {
    @Test func theDailyCreateCapStopsFurtherCreatesForTheTarget() async throws {
        try await ApplyFixture.with(people: TestPerson.many(5), targets: [.standard(.zoom)], concurrency: 1) { world in
            var knobs = await world.simulator.knobs()
            knobs.hostile.zoomCreateDailyCap = 2
            await world.simulator.setKnobs(knobs)
            let plan = try await world.plan()
            try #require(plan.result.status == 2, "\(plan.result)")
            #expect(plan.result.stdout.contains("zoom create_action: create"), "\(plan.result.stdout)")

            let apply = try await world.run(["apply", plan.file])
            #expect(apply.status == 6, "\(apply)")
            #expect(apply.stdout.contains("creates for target zoom stopped"), "\(apply.stdout)")
            #expect(apply.stdout.contains("left for the next run"))
            let creates = await world.simulator.requestLog().filter {
                $0.method == "POST" && $0.path == "/zoom/v2/users"
            }
            #expect(creates.count == 3, "two allowed, one refused, then no more: \(creates.map(\.status))")
            #expect(creates.last?.status == 429)
            let made = await world.accounts(.zoom).filter { $0.email.hasPrefix("user") }
            #expect(made.count == 2)
        }
    }
}
