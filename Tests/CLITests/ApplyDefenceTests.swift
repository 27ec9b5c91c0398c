import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// What `apply` refuses whatever the plan's seal says: a plan signed with the trusted key (as by an attacker who
/// stole it, or a plan maker who was tricked) still cannot delete a protected admin or create an outsider, and a user
/// disabled after the plan gets no account.
@Suite("organizer-sync apply: checks that do not trust the plan")
struct ApplyDefenceTests {
    /// The target's accounts as `organizer-sync accounts --format json` lists them.
    static func listed(_ world: ApplyFixture, _ target: String) async throws -> [ProviderAccount] {
        let result = try await world.run(["accounts", "--target", target, "--format", "json"])
        try #require(result.status == 0, "\(result)")
        struct Document: Decodable { var accounts: [ProviderAccount] }
        return try JSONDecoder().decode(Document.self, from: Data(result.stdout.utf8)).accounts
    }

    @Test(
        "A validly signed plan that deletes a protected admin and creates an outsider gets neither (exit 6); its in-scope count is not taken"
    )
    func signedForgeryGetsNoProtectedDeleteNorOutsider() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: ApplyCommandTests.lifecycleSeed(.webex)) {
            world in
            let maker = try await PlanSigningTests.keygen(world, "maker")
            try PlanSigningTests.configure(world, maker: maker, trusted: [("planner", maker)])
            let made = try await world.plan()
            var plan = try #require(made.plan)
            let admin = try #require(try await Self.listed(world, "webex").first { $0.isAdmin })
            plan.targets[0].actions += [
                PlannedAction(
                    kind: .delete,
                    anchor: nil,
                    dn: nil,
                    email: admin.email,
                    reasons: ["forged"],
                    precondition: .seen(admin)
                ),
                PlannedAction(
                    kind: .create,
                    anchor: "00000000-0000-4000-8000-00000000a77a",
                    dn: "uid=attacker,ou=people,\(world.base)",
                    email: "attacker@evil.example",
                    reasons: ["forged"],
                    precondition: .absent(email: "attacker@evil.example"),
                    fields: AccountFields(email: "attacker@evil.example", firstName: "Eve", lastName: "Vil")
                ),
            ]
            // And a count that would become the shrink guard's baseline if apply took it from the plan.
            let genuineCount = plan.targets[0].inScopeCount
            plan.targets[0].inScopeCount = 1_000
            plan.digest = nil
            let key = try PlanSigningKey(base64: String(contentsOfFile: maker.privateFile, encoding: .utf8))
            let forged = try plan.sealed().signed(with: key, keyName: "planner")
            let file = try PlanSigningTests.write(forged, world, "forged.json")

            let result = try await world.run(["apply", file])
            #expect(result.status == 6, "\(result)")
            #expect(
                result.stdout.contains(
                    "skip  delete \(admin.email): refused at apply: the account is protected (administrator)"
                ),
                "\(result.stdout)"
            )
            #expect(
                result.stdout.contains(
                    "skip  create attacker@evil.example: refused at apply: the directory has no user"
                ),
                "\(result.stdout)"
            )
            #expect(await world.account(.webex, admin.email) != nil, "the admin is still there")
            #expect(await world.account(.webex, "attacker@evil.example") == nil, "no outsider account")
            #expect(result.stdout.contains("  ok    create alice@example.com"), "the genuine changes are made")
            let baseline = try await world.sql("SELECT last_in_scope_count FROM target_state WHERE target = 'webex'")
            // What apply observed (the managed accounts it saw) is at most the genuine plan's count, never 1000.
            #expect(
                Int(baseline).map { $0 > 0 && $0 <= genuineCount } == true,
                "the next baseline is \(baseline), not what apply observed (at most \(genuineCount))"
            )
        }
    }

    @Test("A user disabled in the directory between plan and apply gets no account (exit 6)")
    func userDisabledAfterThePlan() async throws {
        try await ApplyFixture.with(targets: [.standard(.zoom)], seed: ApplyCommandTests.lifecycleSeed(.zoom)) {
            world in
            let made = try await world.plan()
            try #require(ApplyCommandTests.actions(made.plan).contains("create alice@example.com"))
            try await world.setDisabled("alice", true)

            let result = try await world.run(["apply", made.file])
            #expect(result.status == 6, "\(result)")
            #expect(
                result.stdout.contains("skip  create alice@example.com: refused at apply: the user is disabled"),
                "\(result.stdout)"
            )
            #expect(await world.account(.zoom, "alice@example.com") == nil)
            #expect(result.stdout.contains("  ok    update bob@example.com"), "the other changes are made")
        }
    }

    @Test("A user taken out of the target's scope group between plan and apply gets no account (exit 6)")
    func userLeftTheScopeAfterThePlan() async throws {
        var target = TestTarget.standard(.zoom)
        target.mapping += "scope:\n  groups: [licensed]\n"
        try await ApplyFixture.with(targets: [target], seed: ApplyCommandTests.lifecycleSeed(.zoom)) { world in
            let made = try await world.plan()
            try #require(ApplyCommandTests.actions(made.plan).contains("create alice@example.com"))
            try await world.ldapModify(
                """
                dn: cn=licensed,ou=groups,\(world.base)
                changetype: modify
                delete: member
                member: uid=alice,ou=people,\(world.base)
                """
            )

            let result = try await world.run(["apply", made.file])
            #expect(result.status == 6, "\(result)")
            #expect(
                result.stdout.contains(
                    "skip  create alice@example.com: refused at apply: the user is no longer in the target's scope"
                ),
                "\(result.stdout)"
            )
            #expect(await world.account(.zoom, "alice@example.com") == nil)
            #expect(result.stdout.contains("  ok    update bob@example.com"), "the other changes are made")
        }
    }
}
