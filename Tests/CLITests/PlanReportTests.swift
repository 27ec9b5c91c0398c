import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// What a plan reports besides its actions: users skipped for want of an email and users in a conflict, with DN
/// and login, in the plan text and the sealed plan file.
@Suite("organizer-sync plan: skipped users and conflicts")
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

    @Test(
        "Two users wanting one email are a conflict listed in the plan text and file with DN and login; the plan verifies"
    )
    func conflictListed() async throws {
        try await ApplyFixture.with(targets: [.standard(.zoom)]) { world in
            // bob's mail becomes alice's: two directory users in scope want the same account.
            try await world.ldapModify(
                "dn: uid=bob,ou=people,\(world.base)\nchangetype: modify\nreplace: mail\nmail: alice@example.com\n"
            )
            let made = try await world.plan()
            let alice = "uid=alice,ou=people,\(world.base)"
            let bob = "uid=bob,ou=people,\(world.base)"
            let lines = made.result.stdout.split(separator: "\n").map(String.init)
            let header = try #require(
                lines.firstIndex { $0.hasPrefix("  ! conflict (duplicateEmail), left alone: ") },
                "\(made.result)"
            )
            #expect(lines[header].hasSuffix("alice@example.com"), "\(lines[header])")
            #expect(
                Array(lines.dropFirst(header + 1).prefix(2)).sorted()
                    == ["      \(alice) (login alice)", "      \(bob) (login bob)"],
                "\(made.result.stdout)"
            )
            let plan = try #require(made.plan, "the plan file verifies (seal) and decodes")
            let target = try #require(plan.targets.first)
            #expect(target.conflicts.count == 1, "\(target.conflicts)")
            let conflict = try #require(target.conflicts.first)
            #expect(conflict.kind == .duplicateEmail)
            #expect(conflict.emails == ["alice@example.com"])
            let users = (conflict.users ?? []).sorted { $0.dn < $1.dn }
            #expect(users.map(\.dn) == [alice, bob])
            #expect(users.map(\.login) == ["alice", "bob"])
            #expect(Set(users.map(\.anchor)) == Set(conflict.anchors))
            #expect(!target.actions.contains { $0.dn == alice || $0.dn == bob }, "both are left alone")
            #expect(target.skipped == nil, "a conflict is not a skipped user")
        }
    }
}
