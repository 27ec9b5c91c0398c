import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// A leaver's Zoom invitation never accepted under the default `deprovision: suspend`, end to end (slapd, the
/// simulator, the built binary), against what `docs/pending-invitations.md` promises: kept by default (no action,
/// not deleted, run after run), and withdrawn as an action of its own with `pending_invitations: withdraw`, in
/// the words the page gives for the plan text and the plan file.
@Suite("organizer-sync plan: pending Zoom invitations under deprovision: suspend")
struct PendingInvitationTests {
    /// The limits the small test tenant needs (the default shares trip on it; deletes are allowed so a withdrawal
    /// would show as an action, not as a gate); `deprovision` and `pending_invitations` are not set, so the
    /// defaults (`suspend`, `keep`) apply.
    static let defaultPolicy =
        "{ max_creates: { count: 100 }, max_suspends: { count: 100, share: 1.0 }, "
        + "max_deletes: { count: 100, share: 1.0 } }"

    /// The page the behaviour is held to.
    static func documentation() throws -> String {
        let page = SlapdServer.repositoryRoot().appendingPathComponent("docs/pending-invitations.md")
        return try String(contentsOf: page, encoding: .utf8)
    }

    /// Plans the Zoom world of ``ApplyCommandTests/lifecycleSeed(_:)`` under `policy` (alice is new, bob's last
    /// name changed, carol and dave left with active accounts, frank left with an invitation never accepted),
    /// checks that the plan holds the usual four actions and `frank`'s, and runs `body` with the world and the plan.
    static func planned(
        policy: String,
        frank: [String],
        _ body: (ApplyFixture, (result: CLIProcess.Result, file: String, plan: Plan?), Plan) async throws -> Void
    ) async throws {
        let target = TestTarget.standard(.zoom, policy: policy)
        try await ApplyFixture.with(targets: [target], seed: ApplyCommandTests.lifecycleSeed(.zoom)) { world in
            let made = try await world.plan()
            try #require(made.result.status == 2, "\(made.result)")
            let plan = try #require(made.plan)
            let usual = [
                "create alice@example.com", "suspend carol@example.com", "suspend dave@example.com",
                "update bob@example.com",
            ]
            #expect(ApplyCommandTests.actions(plan) == (usual + frank).sorted(), "frank: \(frank)")
            try await body(world, made, plan)
        }
    }

    @Test(
        "Default policy: the invitation is kept, as the docs' table says; no action, not deleted by apply or later runs"
    )
    func keptUnderDefaultSuspend() async throws {
        let documentation = try Self.documentation()
        #expect(
            documentation.contains("| pending invitation | kept; no action is planned | `withdraw invitation` |"),
            "docs/pending-invitations.md states what this test checks: change both together"
        )
        // suspend deletes nothing, a pending invitation included.
        try await Self.planned(policy: Self.defaultPolicy, frank: []) { world, made, plan in
            #expect(plan.targets.first?.summary.withdrawInvitation == 0)
            #expect(plan.targets.first?.summary.delete == 0)
            #expect(!made.result.stdout.contains("frank@example.com"), "\(made.result.stdout)")
            #expect(!made.result.stdout.contains("withdraw"), "\(made.result.stdout)")
            let raw = try String(contentsOfFile: made.file, encoding: .utf8)
            #expect(!raw.contains("withdraw"), "no withdrawal in the plan file, nor its summary key")

            let apply = try await world.run(["apply", made.file])
            try #require(apply.status == 0, "\(apply)")
            #expect(await world.account(.zoom, "frank@example.com")?.status == .pending, "the invitation is kept")
            let again = try await world.run(["plan"])
            #expect(again.status == 0, "the kept invitation is no pending change: \(again)")
            #expect(again.stdout.contains("No changes."), "\(again.stdout)")
            #expect(await world.account(.zoom, "frank@example.com")?.status == .pending)
            #expect(!(try world.succeededChanges()).contains { $0.contains("frank@example.com") })
        }
    }

    @Test(
        "pending_invitations: withdraw under deprovision: suspend: a withdraw invitation action, worded as the docs say"
    )
    func withdrawnWhenAsked() async throws {
        let documentation = try Self.documentation()
        for promise in [
            "`< withdraw invitation EMAIL`", "`N to withdraw invitation`", "`\"kind\": \"withdraw_invitation\"`",
            "`\"withdrawInvitation\": N`",
        ] {
            #expect(documentation.contains(promise), "docs/pending-invitations.md promises \(promise)")
        }
        let policy =
            "{ deprovision: suspend, pending_invitations: withdraw, max_creates: { count: 100 }, "
            + "max_suspends: { count: 100, share: 1.0 }, max_deletes: { count: 100, share: 1.0 } }"
        // The invitation is withdrawn; nothing is deleted.
        try await Self.planned(policy: policy, frank: ["withdraw invitation frank@example.com"]) { _, made, plan in
            let text = made.result.stdout
            #expect(text.contains("\n  < withdraw invitation frank@example.com\n"), "\(text)")
            #expect(text.contains(", 0 to delete, 1 to withdraw invitation\n"), "\(text)")
            #expect(
                text.contains(
                    "the Zoom invitation was never accepted: it is withdrawn (policy pending_invitations: withdraw)"
                ),
                "\(text)"
            )
            // The plan file as JSON, not through the decoder: the keys and values the page names.
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: made.file)))
            let targets = (json as? [String: Any])?["targets"] as? [[String: Any]] ?? []
            let actions = targets.first?["actions"] as? [[String: Any]] ?? []
            let frank = actions.filter { $0["email"] as? String == "frank@example.com" }
            #expect(frank.map { $0["kind"] as? String } == ["withdraw_invitation"], "\(frank)")
            let summary = targets.first?["summary"] as? [String: Any]
            #expect(summary?["withdrawInvitation"] as? Int == 1, "\(String(describing: summary))")
            #expect(plan.targets.first?.summary.withdrawInvitation == 1)
        }
    }
}
