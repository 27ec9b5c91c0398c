import AccountMapping
import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import SyncRuns
import Testing

/// `plan` and `reconcile` run the pipeline without keeping its inputs (the snapshot released while the last
/// target is mapped): the plan must be the one a run that keeps them makes.
@Suite("PlanningRun without its inputs")
struct PlanningRunLeanTests {
    @Test func leanRunSealsTheSamePlanAndKeepsNoInputs() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: .lifecycle(.webex)) { world in
            let configuration = try world.configuration()
            let full = try await PlanningRun.run(configuration: configuration, names: [], logger: .quiet)
            let lean = try await PlanningRun.run(
                configuration: configuration,
                names: [],
                keepingInputs: false,
                logger: .quiet
            )
            #expect(!full.snapshot.users.isEmpty)
            #expect(lean.snapshot.users.isEmpty && lean.snapshot.groups.isEmpty)
            #expect(lean.snapshot.warnings == full.snapshot.warnings)
            #expect(lean.targets.map(\.accounts.isEmpty) == [true])
            #expect(lean.targets.map(\.mapping.accounts.isEmpty) == [true])
            #expect(lean.plan.targets == full.plan.targets)
            var same = full.plan
            same.createdAt = lean.plan.createdAt
            #expect(try same.sealed().digest == lean.plan.digest)
        }
    }
}
