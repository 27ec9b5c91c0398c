import OrganizerSyncCore
import SyncPlanning
import Testing

/// The planner table (``Situation/table``), and what every plan must hold.
@Suite struct PlannerSituationTests {
    @Test(arguments: Situation.table)
    func situation(_ row: Situation) {
        let plan = Planner(policy: row.policy).plan(
            target: "t",
            provider: row.provider,
            desired: row.desired,
            accounts: row.accounts,
            state: SyncState(accounts: row.records),
            now: Fixture.now,
            directoryAnchors: row.directoryAnchors
        )
        #expect(plan.actions.map { "\($0.kind) \($0.email)" } == row.actions)
        let reasons = Set(plan.actions.flatMap(\.reasons))
        for reason in row.reasons { #expect(reasons.contains(reason), "missing reason \(reason)") }
        #expect(plan.actions.flatMap { $0.changes.map(\.field) } == row.changedFields)
        #expect(plan.conflicts.map(\.kind) == row.conflicts)
        #expect(plan.protected.map { "\($0.withheld):\($0.protectedBy)" } == row.protected)
        #expect(plan.unmanaged.count == row.unmanaged)
        #expect(plan.deferredDeletions.count == row.deferred)
        #expect(!plan.isBlocked)
        for action in plan.actions {
            #expect(action.precondition.exists == (action.kind != .create))
        }
    }

    @Test func updateListsBeforeAndAfterAndPreconditionDescribesTheAccount() throws {
        let account = Fixture.account("1", "bob@example.com", title: "Engineer")
        let plan = Planner(policy: Fixture.lenient).plan(
            target: "t",
            provider: .webex,
            desired: [Fixture.user("u1", "bob@example.com", title: "Senior Engineer")],
            accounts: [account],
            state: SyncState(),
            now: Fixture.now
        )
        let update = try #require(plan.actions.first)
        #expect(
            update.changes == [FieldChange(field: "title", before: "Engineer", after: "Senior Engineer")]
        )
        #expect(
            update.fields == AccountFields(email: "bob@example.com", fields: ["title": "Senior Engineer"])
        )
        #expect(update.precondition.providerID == "1")
        #expect(update.precondition.status == .active)
        #expect(update.precondition.holds(for: account))
        var changed = account
        changed.fields["title"] = "Manager"
        #expect(!update.precondition.holds(for: changed))
        #expect(!update.precondition.holds(for: nil))
    }

    @Test func sameInputsInAnyOrderGiveTheSamePlan() {
        let desired = (0..<20).map {
            Fixture.user("u\($0)", "user\($0)@example.com", title: "T\($0 % 3)")
        }
        let accounts = (5..<25).map { Fixture.account("\($0)", "user\($0)@example.com", title: "T0") }
        let planner = Planner(policy: Fixture.lenient)
        let first = planner.plan(
            target: "t",
            provider: .goto,
            desired: desired,
            accounts: accounts,
            state: SyncState(),
            now: Fixture.now
        )
        let second = planner.plan(
            target: "t",
            provider: .goto,
            desired: desired.reversed(),
            accounts: accounts.reversed(),
            state: SyncState(),
            now: Fixture.now
        )
        #expect(first == second)
    }
}

@Suite struct EmailPatternTests {
    @Test(arguments: [
        ("alice@example.com", "alice@example.com"),
        ("Alice@Example.COM", "alice@example.com"),
        ("  Alice@Example.com\t", "alice@example.com"),
        ("Jürgen@Example.com", "jürgen@example.com"),
        (" ÅSA@example.com ", "åsa@example.com"),
        ("", ""),
    ])
    func normalize(_ input: String, _ expected: String) {
        #expect(EmailPattern.normalize(input) == expected)
    }

    @Test(arguments: [
        ("*@ops.example.com", "Root@OPS.example.com", true),
        ("admin-?@example.com", "admin-1@example.com", true),
        ("admin-?@example.com", "admin-12@example.com", false),
        ("*", "anyone@example.com", true),
        ("a*b*c@x", "aXXbYYc@x", true),
        ("a*b*c@x", "aXXbYY@x", false),
    ])
    func glob(_ pattern: String, _ email: String, _ matches: Bool) {
        #expect(EmailPattern(pattern).matches(email) == matches)
    }
}
