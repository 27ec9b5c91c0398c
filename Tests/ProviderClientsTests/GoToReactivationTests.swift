import OrganizerSyncCore
import ProviderClients
import ProviderSimulator
import Testing

/// GoTo reactivation rests on an assumption (docs/goto-evidence.md), so the client checks its effect.
@Suite(.serialized) struct GoToReactivationTests {
    @Test func aLicenceAssignmentThatChangesNothingFailsLoudly() async throws {
        var knobs = SimulatorKnobs()
        knobs.hostile.gotoLicenceAssignIsNoOp = true
        try await withSimulator(knobs: knobs) { simulator in
            let target = try SimulatedTarget(.goto, simulator: simulator, seed: .demo, markedHostile: true)
            let accounts = try await target.client.listAccounts()
            let active = try #require(accounts.first { $0.status == .active && !$0.isAdmin && !$0.licences.isEmpty })
            let suspended = try await target.client.suspend(active)
            let error = await #expect(throws: ProviderError.self) { try await target.client.reactivate(suspended) }
            #expect(error?.code == .invalidResponse)
            #expect(error?.description.contains("reactivation had no effect") == true)
            #expect(try await target.client.account(email: active.email)?.status == .suspended)
        }
    }
}
