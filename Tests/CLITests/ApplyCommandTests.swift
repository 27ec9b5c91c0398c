import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// `apply` end to end.
///
/// The built binary, a real slapd, the provider simulator over HTTP. Each test has its own directory subtree,
/// simulator and state folder (``ApplyFixture``), so the tests run in parallel.
@Suite("organizer-sync apply")
struct ApplyCommandTests {
    /// The actions of a plan as `kind email`, per target.
    static func actions(_ plan: Plan?, target: String? = nil) -> [String] {
        (plan?.targets ?? []).filter { target == nil || $0.target == target }
            .flatMap { $0.actions.map { "\($0.kind) \($0.email)" } }.sorted()
    }

    /// The world of ``everyAction(provider:)``: ``SimulatorSeed/lifecycle(_:)``.
    static func lifecycleSeed(_ provider: SimulatorProvider) -> SimulatorSeed { .lifecycle(provider) }

    @Test(
        "create, update, suspend, reactivate and delete are applied at the provider, and the next plan is empty",
        arguments: [SimulatorProvider.goto, .zoom, .webex]
    )
    func everyAction(provider: SimulatorProvider) async throws {
        try await ApplyFixture.with(targets: [.standard(provider)], seed: Self.lifecycleSeed(provider)) { world in
            let name = provider.rawValue
            // Round 1: alice is new, bob's name changed, carol and dave left (disabled).
            let first = try await world.plan("round1.json")
            try #require(first.result.status == 2, "\(first.result)")
            let expected = [
                "create alice@example.com", "suspend carol@example.com", "suspend dave@example.com",
                "update bob@example.com",
            ]
            // Zoom: frank's invitation, never accepted, cannot be deactivated; the default pending_invitations: keep
            // keeps it (suspend deletes nothing).
            #expect(Self.actions(first.plan) == expected.sorted())

            let apply = try await world.run(["apply", first.file])
            try #require(apply.status == 0, "\(apply)")
            for line in expected { #expect(apply.stdout.contains("  ok    \(line)"), "\(apply.stdout)") }
            #expect(apply.stdout.contains("Target \(name) (\(name)): \(expected.count) succeeded, 0 failed, 0 skipped"))

            let alice = try #require(await world.account(provider, "alice@example.com"))
            #expect(alice.firstName == "Alice" && alice.lastName == "Archer")
            switch provider {
            case .zoom:
                #expect(alice.status == .pending, "Zoom's action=create invites: the account is pending")
                #expect(await world.account(.zoom, "frank@example.com")?.status == .pending, "kept")
            case .goto:
                #expect(alice.status == .active)
                #expect(alice.licenses == [SimulatorSeed.gotoLicence])
            case .webex:
                #expect(alice.status == .pending, "Webex invites new people")
            }
            #expect(await world.account(provider, "bob@example.com")?.lastName == "Baker")
            for leaver in ["carol", "dave"] {
                let account = try #require(await world.account(provider, "\(leaver)@example.com"))
                #expect(account.status == .inactive, "\(leaver) is suspended")
                if provider == .goto { #expect(account.licenses.isEmpty, "a GoTo suspend takes every licence") }
            }
            if provider == .goto {
                let remembered = try await world.sql(
                    "SELECT suspended_licences FROM managed_account WHERE email = 'carol@example.com'"
                )
                #expect(remembered.contains(SimulatorSeed.gotoLicence), "the state store remembers carol's licence")
            }

            // Round 2: carol is back; dave's grace period (1 day) ran out.
            try await world.setDisabled("carol", false)
            try await world.sql(
                "UPDATE managed_account SET suspended_at = suspended_at - 2 * 86400 WHERE email = 'dave@example.com'"
            )
            let second = try await world.plan("round2.json")
            try #require(second.result.status == 2, "\(second.result)")
            #expect(Self.actions(second.plan) == ["delete dave@example.com", "reactivate carol@example.com"])
            let reasons = second.plan?.targets.first?.actions.first { $0.kind == .delete }?.reasons ?? []
            #expect(reasons.contains("grace period of 1 day expired"), "\(reasons)")
            let reapply = try await world.run(["apply", second.file])
            try #require(reapply.status == 0, "\(reapply)")
            #expect(reapply.stdout.contains("  ok    reactivate carol@example.com"))
            #expect(reapply.stdout.contains("  ok    delete dave@example.com"))

            let carol = try #require(await world.account(provider, "carol@example.com"))
            #expect(carol.status == .active)
            if provider == .goto {
                #expect(
                    carol.licenses == [SimulatorSeed.gotoLicence],
                    "GoTo reactivate gives the remembered licence back"
                )
            }
            #expect(await world.account(provider, "dave@example.com") == nil)
            #expect(try await world.sql("SELECT count(*) FROM managed_account WHERE email = 'dave@example.com'") == "0")

            // Converged.
            let last = try await world.run(["plan"])
            #expect(last.status == 0, "\(last)")
            #expect(last.stdout.contains("No changes."))
            var changeCount = expected.count + 2
            if provider == .zoom {
                try await Self.acceptInvitation(in: world)
                changeCount += 1
            }
            let verify = try await world.run(["audit", "verify"])
            #expect(verify.status == 0, "\(verify)")
            let changes = try world.succeededChanges()
            #expect(changes.count == changeCount)
            #expect(Set(changes).count == changes.count, "a change recorded twice: \(changes)")
        }
    }

    @Test(
        "A leaver's pending Zoom invitation is kept by default and withdrawn, as its own action, when the policy says so"
    )
    func pendingInvitation() async throws {
        let withdraw = String(TestTarget.defaultPolicy.dropLast()) + ", pending_invitations: withdraw }"
        for (policy, withdraws) in [(TestTarget.defaultPolicy, false), (withdraw, true)] {
            try await ApplyFixture.with(targets: [.standard(.zoom, policy: policy)], seed: Self.lifecycleSeed(.zoom)) {
                world in
                let made = try await world.plan("round1.json")
                try #require(made.result.status == 2, "\(made.result)")
                let frank = made.plan?.targets.first?.actions.filter { $0.email == "frank@example.com" } ?? []
                if withdraws {
                    #expect(frank.map(\.kind) == [.withdrawInvitation], "\(frank)")
                    #expect(
                        made.result.stdout.contains("withdraw invitation frank@example.com"),
                        "\(made.result.stdout)"
                    )
                    #expect(made.result.stdout.contains("1 to withdraw invitation"), "\(made.result.stdout)")
                    #expect(
                        frank.first?.reasons.contains { $0.contains("pending_invitations: withdraw") } == true,
                        "\(frank)"
                    )
                } else {
                    #expect(frank.isEmpty, "suspend deletes nothing, a pending invitation included: \(frank)")
                    #expect(!made.result.stdout.contains("frank@example.com"), "\(made.result.stdout)")
                }
                let apply = try await world.run(["apply", made.file])
                try #require(apply.status == 0, "\(apply)")
                let account = await world.account(.zoom, "frank@example.com")
                if withdraws {
                    #expect(account == nil, "the invitation is withdrawn at Zoom")
                    #expect(apply.stdout.contains("  ok    withdraw invitation frank@example.com"), "\(apply.stdout)")
                    #expect(try world.succeededChanges().contains("zoom withdraw_invitation frank@example.com"))
                } else {
                    #expect(account?.status == .pending, "the invitation is still there")
                    #expect(!(try world.succeededChanges()).contains { $0.contains("frank@example.com") })
                }
            }
        }
    }

    /// Zoom: alice's invitation takes no profile change while pending; once she accepts it, the change is made.
    static func acceptInvitation(in world: ApplyFixture) async throws {
        try await world.ldapModify(
            "dn: uid=alice,ou=people,\(world.base)\nchangetype: modify\nreplace: sn\nsn: Archer-Smith\n-\n"
                + "replace: displayName\ndisplayName: Alice Archer-Smith\n"
        )
        let pending = try await world.run(["plan"])
        #expect(pending.status == 0, "a pending Zoom invitation takes no update: \(pending)")
        await world.changeAccounts(.zoom) { accounts in
            if let index = accounts.firstIndex(where: { $0.email == "alice@example.com" }) {
                accounts[index].status = .active
            }
        }
        let accepted = try await world.plan("accepted.json")
        try #require(accepted.result.status == 2, "\(accepted.result)")
        #expect(Self.actions(accepted.plan) == ["update alice@example.com"])
        let apply = try await world.run(["apply", accepted.file])
        #expect(apply.status == 0, "\(apply)")
        let alice = await world.account(.zoom, "alice@example.com")
        #expect(alice?.lastName == "Archer-Smith" && alice?.displayName == "Alice Archer-Smith")
        let last = try await world.run(["plan"])
        #expect(last.status == 0, "\(last)")
    }

    /// Expects that nothing changed at the provider and no change was written to the audit log.
    static func expectUntouched(
        _ world: ApplyFixture,
        _ provider: SimulatorProvider,
        before: [SimulatedAccount],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        #expect(await world.accounts(provider) == before, sourceLocation: sourceLocation)
        #expect(await world.writeRequests().isEmpty, sourceLocation: sourceLocation)
        let records = FileManager.default.fileExists(atPath: world.auditLog) ? try world.auditRecords() : []
        #expect(!records.contains { $0["type"] as? String == "intent" }, sourceLocation: sourceLocation)
    }

    @Test("A plan with one byte changed is refused (exit 7) and nothing is changed")
    func tamperedPlan() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: Self.lifecycleSeed(.webex)) { world in
            let made = try await world.plan()
            try #require(made.result.status == 2, "\(made.result)")
            var data = try Data(contentsOf: URL(fileURLWithPath: made.file))
            let alice = try #require(data.range(of: Data("alice@example.com".utf8)))
            data[alice.lowerBound + 4] = UInt8(ascii: "a")  // alica@example.com
            let tampered = world.folder.appendingPathComponent("tampered.json").path
            try data.write(to: URL(fileURLWithPath: tampered))
            let before = await world.accounts(.webex)

            let result = try await world.run(["apply", tampered])
            #expect(result.status == 7, "\(result)")
            #expect(result.stderr.contains("the plan's seal does not verify"), "\(result.stderr)")
            try await Self.expectUntouched(world, .webex, before: before)
            #expect(!FileManager.default.fileExists(atPath: world.auditLog), "a refused plan starts no run")

            let original = try await world.run(["apply", made.file])
            #expect(original.status == 0, "the untouched plan still applies: \(original)")
        }
    }

    @Test("A plan made from another configuration or mapping file is refused (exit 7)")
    func otherConfiguration() async throws {
        try await ApplyFixture.with(targets: [.standard(.goto)], seed: Self.lifecycleSeed(.goto)) { world in
            let made = try await world.plan()
            try #require(made.result.status == 2, "\(made.result)")
            let before = await world.accounts(.goto)
            for file in [world.folder.appendingPathComponent("goto-mapping.yaml").path, world.config] {
                let original = try Data(contentsOf: URL(fileURLWithPath: file))
                try (original + Data("# edited after planning\n".utf8)).write(to: URL(fileURLWithPath: file))
                let result = try await world.run(["apply", made.file])
                #expect(result.status == 7, "\(file): \(result)")
                #expect(result.stderr.contains("the plan was made from configuration"), "\(result.stderr)")
                #expect(result.stderr.contains("run plan again"))
                try await Self.expectUntouched(world, .goto, before: before)
                try original.write(to: URL(fileURLWithPath: file))
            }
            let restored = try await world.run(["apply", made.file])
            #expect(restored.status == 0, "with the files as they were, the plan applies: \(restored)")
        }
    }

    @Test("A plan older than apply.max_plan_age_minutes (60) is refused (exit 7); a younger one is applied")
    func planTooOld() async throws {
        try await ApplyFixture.with(targets: [.standard(.zoom)], seed: Self.lifecycleSeed(.zoom)) { world in
            let made = try await world.plan()
            var plan = try #require(made.plan)
            // The seal is a digest, not a signature: a plan re-sealed with an earlier time is a valid old plan.
            func aged(minutes: Double) throws -> String {
                plan.createdAt = Date().addingTimeInterval(-minutes * 60).formatted(.iso8601)
                let file = world.folder.appendingPathComponent("aged-\(Int(minutes)).json").path
                try plan.sealed().encoded().write(to: URL(fileURLWithPath: file))
                return file
            }
            let before = await world.accounts(.zoom)
            let old = try await world.run(["apply", try aged(minutes: 61)])
            #expect(old.status == 7, "\(old)")
            #expect(
                old.stderr.contains("the plan is 1 hour 1 minute old and apply accepts plans up to 1 hour old"),
                "\(old.stderr)"
            )
            try await Self.expectUntouched(world, .zoom, before: before)

            let young = try await world.run(["apply", try aged(minutes: 50)])
            #expect(young.status == 0, "\(young)")
        }
    }

    @Test(
        "A blocked plan exits 3 unless --override names its gate; overriding a gate not tripped exits 7"
    )
    func blockedPlan() async throws {
        let target = TestTarget.standard(
            .webex,
            policy: "{ deprovision: delete, max_creates: { count: 100 }, max_suspends: { count: 100, share: 1.0 }, "
                + "max_deletes: { count: 1 } }"
        )
        let seed = Self.lifecycleSeed(.webex).placing(TestPerson.standard("frank"), on: .webex, slot: 4)
        try await ApplyFixture.with(targets: [target], seed: seed) { world in
            let made = try await world.plan()
            try #require(made.result.status == 3, "\(made.result)")
            #expect(made.result.stdout.contains("BLOCKED threshold.deletes.count"), "\(made.result.stdout)")
            // deprovision: delete deletes the leavers' accounts at once.
            #expect(
                Self.actions(made.plan).filter { $0.hasPrefix("delete") }
                    == ["delete carol@example.com", "delete dave@example.com", "delete frank@example.com"]
            )
            let before = await world.accounts(.webex)

            let blocked = try await world.run(["apply", made.file])
            #expect(blocked.status == 3, "\(blocked)")
            #expect(blocked.stderr.contains("the plan is blocked by threshold.deletes.count"), "\(blocked.stderr)")
            try await Self.expectUntouched(world, .webex, before: before)

            let wrongGate = try await world.run(["apply", made.file, "--override", "threshold.creates.count"])
            #expect(wrongGate.status == 7, "\(wrongGate)")
            #expect(
                wrongGate.stderr.contains(
                    "--override names threshold.creates.count, which the plan did not trip "
                        + "(tripped: threshold.deletes.count)"
                ),
                "\(wrongGate.stderr)"
            )
            let extraGate = try await world.run([
                "apply", made.file, "--override", "threshold.deletes.count", "--override", "guard.emptyDirectory",
            ])
            #expect(extraGate.status == 7, "every override must name a gate the plan tripped: \(extraGate)")
            try await Self.expectUntouched(world, .webex, before: before)

            let overridden = try await world.run(["apply", made.file, "--override", "threshold.deletes.count"])
            #expect(overridden.status == 0, "\(overridden)")
            for leaver in ["carol", "dave", "frank"] {
                #expect(await world.account(.webex, "\(leaver)@example.com") == nil)
            }
            #expect(await world.account(.webex, "alice@example.com") != nil)
        }
    }

    @Test("An account changed at the provider since the plan is skipped with the reason, never overwritten (exit 6)")
    func staleAccount() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: Self.lifecycleSeed(.webex)) { world in
            let made = try await world.plan()
            try #require(made.result.status == 2, "\(made.result)")
            // An admin changes bob's title in the Webex console after the plan was made.
            await world.changeAccounts(.webex) { accounts in
                if let index = accounts.firstIndex(where: { $0.email == "bob@example.com" }) {
                    accounts[index].title = "Chief Engineer"
                }
            }
            let bob = try #require(await world.account(.webex, "bob@example.com"))

            let result = try await world.run(["apply", made.file])
            #expect(result.status == 6, "\(result)")
            let reason = "the account changed since the plan"
            #expect(result.stdout.contains("  skip  update bob@example.com: \(reason)"), "\(result.stdout)")
            #expect(result.stdout.contains("Target webex (webex): 3 succeeded, 0 failed, 1 skipped"))
            #expect(result.stdout.contains("Result: partial."))
            #expect(await world.account(.webex, "bob@example.com") == bob, "bob's account is untouched")
            #expect(!(await world.writeRequests()).contains { $0.path.contains(bob.id) })
            #expect(await world.account(.webex, "alice@example.com") != nil, "the other changes were made")

            let records = try world.auditRecords()
            let skipped = records.filter { $0["type"] as? String == "outcome" && $0["result"] as? String == "skipped" }
            #expect(skipped.count == 1)
            #expect(skipped.first?["email"] as? String == "bob@example.com")
            #expect(skipped.first?["message"] as? String == reason)
            #expect(
                !records.contains { $0["type"] as? String == "intent" && $0["email"] as? String == "bob@example.com" }
            )
            let end = try #require(records.last { $0["type"] as? String == "run-end" })
            #expect(end["result"] as? String == "partial")

            // The next plan starts from bob's account as it is now.
            let next = try await world.plan("next.json")
            let update = next.plan?.targets.first?.actions.first { $0.email == "bob@example.com" }
            #expect(update?.changes.map(\.field).sorted() == ["lastName", "title"])
        }
    }

    @Test("Two applies of one plan on one state: the second exits 4 naming the first's pid; nothing is done twice")
    func concurrentApplies() async throws {
        try await ApplyFixture.with(
            people: TestPerson.standard + TestPerson.many(6),
            targets: [.standard(.goto)],
            seed: Self.lifecycleSeed(.goto),
            concurrency: 2
        ) { world in
            let made = try await world.plan()
            try #require(made.result.status == 2, "\(made.result)")
            let planned = made.plan?.targets.first?.actions.count ?? 0
            #expect(planned == 10)
            await world.setLatency(milliseconds: 150)

            let first = try await world.start(["apply", made.file])
            try await waitUntil("the first apply holds the lock") { world.lockHolder() == first.pid }
            let second = try await world.run(["apply", made.file])
            #expect(second.status == 4, "\(second)")
            #expect(second.stderr.contains("another organizer-sync (pid \(first.pid), `"), "\(second.stderr)")
            #expect(second.stderr.contains("holds the lock on \(world.database).lock; nothing was done"))
            #expect(!first.hasEnded, "the first apply was still running when the second was refused")

            let finished = try await first.wait()
            #expect(finished.status == 0, "\(finished)")
            let changes = try world.succeededChanges()
            #expect(changes.count == planned)
            #expect(Set(changes).count == changes.count, "a change made twice: \(changes)")
            let creates = await world.writeRequests().filter { $0.method == "POST" && $0.path.hasSuffix("/users") }
            #expect(creates.count == 7, "one create request per new user: \(creates.map(\.path))")
            #expect(try world.auditRecords().filter { $0["type"] as? String == "run-start" }.count == 1)

            // The same plan again: everything was marked applied, nothing is sent.
            await world.setLatency(milliseconds: 0)
            let writes = await world.writeRequests().count
            let again = try await world.run(["apply", made.file])
            #expect(again.status == 0, "applying a plan twice is harmless: \(again)")
            #expect(
                again.stdout.contains("0 succeeded, 0 failed, 0 skipped, \(planned) already applied"),
                "\(again.stdout)"
            )
            #expect(again.stdout.contains("already applied by an earlier run of this plan"))
            #expect(await world.writeRequests().count == writes)
            let last = try await world.run(["plan"])
            #expect(last.status == 0, "\(last)")
        }
    }
}
