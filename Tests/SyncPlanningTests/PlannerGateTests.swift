import OrganizerSyncCore
import SyncPlanning
import Testing

/// One row of the gate table: how many creates and leavers, against which policy.
struct GateCase: Sendable, CustomTestStringConvertible {
    var name: String
    var policy: PlanningPolicy
    /// New directory users (creates).
    var joiners = 0
    /// Managed accounts whose users left (suspends or deletes).
    var leavers = 0
    /// Managed accounts whose users stay.
    var stayers = 0
    var lastInScopeCount: Int?
    var gates: [String]

    var testDescription: String { name }
}

@Suite struct PlannerGateTests {
    static let cases: [GateCase] = [
        GateCase(
            name: "creates by count",
            policy: Fixture.policy { $0.createThreshold = .init(maxCount: 2) },
            joiners: 3,
            gates: ["threshold.creates.count"]
        ),
        GateCase(
            name: "creates by share",
            policy: Fixture.policy { $0.createThreshold = .init(maxShare: 0.5) },
            joiners: 3,
            stayers: 4,
            gates: ["threshold.creates.share"]
        ),
        GateCase(
            name: "creates under both limits",
            policy: Fixture.policy { $0.createThreshold = .init(maxCount: 3, maxShare: 1) },
            joiners: 3,
            stayers: 4,
            gates: []
        ),
        GateCase(
            name: "suspends by count",
            policy: Fixture.policy { $0.suspendThreshold = .init(maxCount: 1) },
            leavers: 2,
            stayers: 10,
            gates: ["threshold.suspends.count"]
        ),
        GateCase(
            name: "suspends by share",
            policy: Fixture.policy { $0.suspendThreshold = .init(maxShare: 0.10) },
            leavers: 2,
            stayers: 10,
            gates: ["threshold.suspends.share"]
        ),
        GateCase(
            name: "deletes by count",
            policy: Fixture.policy {
                $0.deprovisioning = .delete
                $0.deleteThreshold = .init(maxCount: 1)
            },
            leavers: 2,
            stayers: 100,
            gates: ["threshold.deletes.count"]
        ),
        GateCase(
            name: "deletes by share (default 5%)",
            policy: PlanningPolicy(deprovisioning: .delete),
            leavers: 2,
            stayers: 20,
            gates: ["threshold.deletes.share"]
        ),
        GateCase(
            name: "default policy lets a small change through",
            policy: .default,
            joiners: 1,
            leavers: 1,
            stayers: 20,
            lastInScopeCount: 21,
            gates: []
        ),
        GateCase(
            name: "guard: no user in scope",
            policy: Fixture.policy { $0.guards.blocksEmptyDirectory = true },
            leavers: 3,
            gates: ["guard.emptyDirectory"]
        ),
        GateCase(
            name: "guard: far fewer users in scope than last time",
            policy: Fixture.policy { $0.guards.minimumInScopeShare = 0.5 },
            leavers: 6,
            stayers: 4,
            lastInScopeCount: 10,
            gates: ["guard.shrunkDirectory"]
        ),
        GateCase(
            name: "guard: shrink within the allowed share",
            policy: Fixture.policy { $0.guards.minimumInScopeShare = 0.5 },
            leavers: 5,
            stayers: 5,
            lastInScopeCount: 10,
            gates: []
        ),
        GateCase(
            name: "guards do not trip without suspends or deletes",
            policy: PlanningPolicy(),
            stayers: 0,
            lastInScopeCount: 10,
            gates: []
        ),
    ]

    @Test(arguments: cases)
    func gate(_ row: GateCase) {
        var desired: [DesiredAccount] = []
        var accounts: [ProviderAccount] = []
        var records: [SyncState.ManagedAccount] = []
        for index in 0..<row.joiners {
            desired.append(Fixture.user("j\(index)", "j\(index)@example.com"))
        }
        for index in 0..<row.stayers {
            desired.append(Fixture.user("s\(index)", "s\(index)@example.com"))
            accounts.append(Fixture.account("s\(index)", "s\(index)@example.com"))
            records.append(Fixture.record("s\(index)", "s\(index)", "s\(index)@example.com"))
        }
        for index in 0..<row.leavers {
            accounts.append(Fixture.account("l\(index)", "l\(index)@example.com"))
            records.append(Fixture.record("l\(index)", "l\(index)", "l\(index)@example.com"))
        }
        let plan = Planner(policy: row.policy).plan(
            target: "t",
            provider: .zoom,
            desired: desired,
            accounts: accounts,
            state: SyncState(accounts: records, lastInScopeCount: row.lastInScopeCount),
            now: Fixture.now
        )
        #expect(plan.gates.map(\.name) == row.gates)
        #expect(plan.isBlocked == !row.gates.isEmpty)
        // A blocked plan is still produced in full.
        #expect(plan.summary.create == row.joiners)
        #expect(plan.summary.suspend + plan.summary.delete == row.leavers)
    }

    @Test func gateRecordsItsFigures() throws {
        let policy = PlanningPolicy(
            deprovisioning: .delete,
            deleteThreshold: .init(maxCount: 50, maxShare: 0.05)
        )
        let accounts = (0..<60).map { Fixture.account("\($0)", "l\($0)@example.com") }
        let records = (0..<60).map { Fixture.record("l\($0)", "\($0)", "l\($0)@example.com") }
        let plan = Planner(policy: policy).plan(
            target: "t",
            provider: .webex,
            desired: [Fixture.user("x", "x@example.com")],
            accounts: accounts,
            state: SyncState(accounts: records, lastInScopeCount: 1),
            now: Fixture.now
        )
        let count = try #require(plan.gates.first { $0.name == "threshold.deletes.count" })
        #expect(
            count.observed == 60 && count.limit == 50 && count.base == nil
                && count.blocks == [.delete, .withdrawInvitation]
        )
        let share = try #require(plan.gates.first { $0.name == "threshold.deletes.share" })
        #expect(share.observed == 60 && share.limit == 0.05 && share.base == 60)
        #expect(count.summary == "threshold.deletes.count: 60 deletes, limit 50")
    }

    @Test("Withdrawn invitations count with the deletes: they remove an account at the provider")
    func withdrawalsCountAsDeletes() {
        let policy = Fixture.policy {
            $0.pendingInvitations = .withdraw
            $0.deleteThreshold = .init(maxCount: 1)
        }
        let accounts = (0..<2).map { Fixture.account(nil, "p\($0)@example.com", .pending) }
        let records = (0..<2).map { Fixture.record("p\($0)", nil, "p\($0)@example.com") }
        let plan = Planner(policy: policy).plan(
            target: "t",
            provider: .zoom,
            desired: [],
            accounts: accounts,
            state: SyncState(accounts: records),
            now: Fixture.now
        )
        #expect(plan.actions.map(\.kind) == [.withdrawInvitation, .withdrawInvitation])
        #expect(plan.gates.map(\.name) == ["threshold.deletes.count"])
    }
}
