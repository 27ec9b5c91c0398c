import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// What a plan reports besides its actions: users skipped for want of an email, with DN and login, in the
/// plan text and the sealed plan file.
@Suite("organizer-sync plan: skipped users")
struct PlanReportTests {
    @Test("A user in scope without an email is listed in the plan text and file with DN and login; the plan verifies")
    func skippedUserListed() async throws {
        try await ApplyFixture.with(targets: [.standard(.zoom)]) { world in
            try await world.ldapModify("dn: uid=alice,ou=people,\(world.base)\nchangetype: modify\ndelete: mail\n-\n")
            let made = try await world.plan()
            let dn = "uid=alice,ou=people,\(world.base)"
            #expect(made.result.stdout.contains("? skipped, no account planned: \(dn) (login alice)"), "\(made.result)")
            #expect(made.result.stdout.contains("no email after mapping"), "\(made.result.stdout)")
            let plan = try #require(made.plan, "the plan file verifies (seal) and decodes")
            let skipped = plan.targets.first?.skipped ?? []
            #expect(skipped.map(\.dn) == [dn])
            #expect(skipped.first?.login == "alice")
            #expect(skipped.first?.reason == "missingEmail")
            #expect(!(plan.targets.first?.actions ?? []).contains { $0.dn == dn })
        }
    }
}
