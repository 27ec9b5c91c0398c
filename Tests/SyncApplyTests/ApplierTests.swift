import AuditLog
import Foundation
import Logging
import OrganizerSyncCore
import OrganizerSyncTestSupport
import StateStore
import SyncApply
import SyncPlanning
import Testing

/// The applier on an in-memory provider, with a real state store and a real audit log in a temporary folder.
/// (End to end on slapd and the simulator: Tests/CLITests/ApplyCommandTests.swift.)
@Suite("Applier")
struct ApplierTests {
    static let now = Date()

    static func user(
        _ anchor: String,
        enabled: Bool = true,
        title: String? = nil,
        licences: [String]? = nil
    )
        -> DesiredAccount
    {
        DesiredAccount(
            anchor: anchor,
            dn: "uid=\(anchor),dc=example,dc=com",
            fields: AccountFields(
                email: "\(anchor)@example.com",
                firstName: anchor,
                licences: licences,
                fields: title.map { ["title": $0] } ?? [:]
            ),
            isEnabled: enabled,
            scopeReasons: ["group:hosts"]
        )
    }

    static func account(
        _ anchor: String,
        _ status: ProviderAccount.Status = .active,
        title: String? = nil,
        licences: [String] = [],
        kind: ProviderKind = .zoom
    ) -> ProviderAccount {
        var fields = ["fake.kind": kind.rawValue]
        if let title { fields["title"] = title }
        return ProviderAccount(
            id: "id-\(anchor)",
            email: "\(anchor)@example.com",
            firstName: anchor,
            status: status,
            licences: licences,
            fields: fields
        )
    }

    /// A policy without thresholds or guards: leavers are suspended, then deleted after 30 days.
    static var policy: PlanningPolicy {
        var policy = PlanningPolicy(
            suspendThreshold: .unlimited,
            deleteThreshold: .unlimited,
            guards: PlanningPolicy.Guards(blocksEmptyDirectory: false, minimumInScopeShare: nil)
        )
        policy.deprovisioning = .suspendThenDelete(afterDays: 30)
        return policy
    }

    /// A state store, an audit log and a sealed plan of `desired` against `provider`'s accounts.
    struct Setup {
        let folder: TemporaryDirectory
        let state: StateDatabase
        let plan: Plan
        let provider: FakeProvider
        let policy: PlanningPolicy
        /// The audit log, in the folder beside the state store.
        var auditPath: String { folder.file("audit.jsonl") }

        init(
            desired: [DesiredAccount],
            provider: FakeProvider,
            policy: PlanningPolicy = ApplierTests.policy,
            records: [SyncState.ManagedAccount] = []
        ) async throws {
            folder = try TemporaryDirectory()
            state = try StateDatabase(path: folder.file("state.sqlite"))
            for record in records { try state.saveManaged(record, target: "t") }
            self.provider = provider
            self.policy = policy
            let targetPlan = Planner(policy: policy).plan(
                target: "t",
                provider: provider.kind,
                desired: desired,
                accounts: try await provider.listAccounts(),
                state: try state.state(target: "t"),
                now: ApplierTests.now
            )
            plan = try Plan(toolVersion: "test", date: ApplierTests.now, configDigest: "c", targets: [targetPlan])
                .sealed()
        }

        /// Applies the plan once, with a new audit writer, as one run of `organizer-sync apply` would.
        func apply(
            overriding gates: Set<String> = [],
            interruption: ApplyInterruption = ApplyInterruption()
        ) async throws -> ApplyReport {
            let audit = try AuditLogWriter.open(path: auditPath, run: UUID().uuidString)
            // One writer per file at a time: the next run of the test opens it again.
            defer { audit.close() }
            return try await Applier(
                plan: plan,
                targets: [ApplyTarget(name: "t", provider: provider, policy: policy)],
                state: state,
                audit: audit,
                options: ApplyOptions(configDigest: "c", maxPlanAge: 3600, overriddenGates: gates, concurrency: 4),
                interruption: interruption,
                logger: Logger(label: "test")
            ).apply()
        }

    }

    @Test("Every action kind is carried out once, recorded in the state store and audited before and after")
    func everyKind() async throws {
        let provider = FakeProvider(accounts: [
            Self.account("ann", title: "old"),  // update
            Self.account("bob", .suspended),  // reactivate
            Self.account("cat"),  // suspend (disabled)
            Self.account("dan", .suspended),  // delete (left the directory, suspended 40 days ago)
            Self.account("eve"),  // nothing: matched by email, recorded as a link
        ])
        let setup = try await Setup(
            desired: [
                Self.user("ann", title: "new"), Self.user("bob"), Self.user("cat", enabled: false), Self.user("eve"),
                Self.user("fay"),  // create
            ],
            provider: provider,
            records: [
                SyncState.ManagedAccount(
                    anchor: "dan",
                    providerID: "id-dan",
                    email: "dan@example.com",
                    suspendedAt: Self.now.timeIntervalSince1970 - 40 * 86_400
                )
            ]
        )
        let kinds = setup.plan.targets[0].actions.map(\.kind.rawValue).sorted()
        #expect(kinds == ["create", "delete", "reactivate", "suspend", "update"])

        let report = try await setup.apply()
        #expect(report.result == .succeeded)
        #expect(report.counts == ["succeeded": 5, "failed": 0, "skipped": 0, "already_applied": 0])
        #expect(
            Set(provider.calls)
                == [
                    "create fay@example.com", "update ann@example.com", "reactivate  bob@example.com",
                    "suspend cat@example.com", "delete dan@example.com",
                ]
        )
        let state = try setup.state.state(target: "t")
        let byAnchor = Dictionary(uniqueKeysWithValues: state.accounts.map { ($0.anchor, $0) })
        #expect(byAnchor["dan"] == nil, "a deleted account is forgotten")
        #expect(byAnchor["fay"]?.providerID?.hasPrefix("id-") == true, "a create records the new id")
        #expect(byAnchor["cat"]?.suspendedAt != nil, "a suspend records when, for the grace period")
        #expect(byAnchor["bob"]?.suspendedAt == nil)
        #expect(byAnchor["eve"]?.providerID == "id-eve", "a match by email is recorded as a link")
        #expect(byAnchor["ann"]?.providerID == "id-ann")
        #expect(state.lastInScopeCount == 5)

        let verification = try AuditVerifier.verify(path: setup.auditPath)
        #expect(verification.isIntact)
        let lines = try String(contentsOfFile: setup.auditPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count { $0.contains(#""type":"intent""#) } == 5)
        #expect(lines.count { $0.contains(#""result":"succeeded""#) && $0.contains(#""type":"outcome""#) } == 5)
        let intent = try #require(lines.first { $0.contains(#""type":"intent""#) && $0.contains("ann@example.com") })
        #expect(
            intent.contains(#""before":{"#) && intent.contains(#""title":"old""#) && intent.contains(#""title":"new""#)
        )

        let again = try await Planner(policy: setup.policy).plan(
            target: "t",
            provider: .zoom,
            desired: [
                Self.user("ann", title: "new"), Self.user("bob"), Self.user("cat", enabled: false), Self.user("eve"),
                Self.user("fay"),
            ],
            accounts: provider.listAccounts(),
            state: state,
            now: Self.now
        )
        #expect(again.actions.isEmpty, "planning again finds nothing to do: \(again.actions.map(\.kind))")
        #expect(again.links.isEmpty)
    }

    @Test("An account changed since the plan is skipped with the reason, never overwritten")
    func staleAccountSkipped() async throws {
        let provider = FakeProvider(accounts: [Self.account("ann", title: "old"), Self.account("bob", title: "old")])
        let setup = try await Setup(
            desired: [Self.user("ann", title: "new"), Self.user("bob", title: "new")],
            provider: provider
        )
        provider.edit("ann@example.com") { $0.fields["title"] = "changed at the console" }
        let report = try await setup.apply()
        let results = report.targets[0].results
        #expect(results.map(\.status) == [.skipped, .succeeded])
        #expect(results[0].reason == "the account changed since the plan")
        #expect(provider.calls == ["update bob@example.com"])
        #expect(report.result == .partial)
    }

    @Test("A failure is recorded with the provider's code and the run goes on")
    func failureRecorded() async throws {
        let provider = FakeProvider(accounts: [], failing: ["ann@example.com"])
        let setup = try await Setup(
            desired: [Self.user("ann"), Self.user("bob"), Self.user("cat")],
            provider: provider
        )
        let report = try await setup.apply()
        #expect(report.counts == ["succeeded": 2, "failed": 1, "skipped": 0, "already_applied": 0])
        let failed = try #require(report.targets[0].results.first { $0.status == .failed })
        #expect(failed.email == "ann@example.com")
        #expect(failed.errorCode == "invalidRequest")
        let log = try String(contentsOfFile: setup.auditPath, encoding: .utf8)
        #expect(log.contains(#""provider_code":"1001""#))
        #expect(try setup.state.state(target: "t").accounts.map(\.anchor).sorted() == ["bob", "cat"])
    }

    @Test("The same plan applied twice does nothing the second time")
    func appliedTwice() async throws {
        let provider = FakeProvider(accounts: [Self.account("ann", title: "old")])
        let setup = try await Setup(desired: [Self.user("ann", title: "new"), Self.user("bob")], provider: provider)
        _ = try await setup.apply()
        let calls = provider.calls.count
        let second = try await setup.apply()
        #expect(provider.calls.count == calls, "no change is made twice")
        #expect(second.targets[0].results.allSatisfy { $0.status == .alreadyApplied })
        #expect(second.result == .succeeded, "applying a plan twice is harmless")
        #expect(second.targets[0].results.allSatisfy { $0.reason == "already applied by an earlier run of this plan" })
        #expect(try AuditVerifier.verify(path: setup.auditPath).isIntact)
    }

    @Test("Thresholds are checked again against the accounts listed at apply time")
    func thresholdsRechecked() async throws {
        var policy = Self.policy
        policy.deprovisioning = .delete
        policy.deleteThreshold = PlanningPolicy.Threshold(maxCount: nil, maxShare: 0.3)
        let provider = FakeProvider(accounts: (1...4).map { Self.account("u\($0)") })
        let setup = try await Setup(
            desired: [Self.user("u1"), Self.user("u2"), Self.user("u3")],
            provider: provider,
            policy: policy,
            records: (1...4).map {
                SyncState.ManagedAccount(anchor: "u\($0)", providerID: "id-u\($0)", email: "u\($0)@example.com")
            }
        )
        #expect(!setup.plan.isBlocked, "1 delete of 4 accounts is under 30%")
        // Two accounts disappear before apply: 1 delete of 2 accounts is over 30%.
        let shrunk = FakeProvider(accounts: [Self.account("u3"), Self.account("u4")])
        let folder = try TemporaryDirectory()
        let applier = Applier(
            plan: setup.plan,
            targets: [ApplyTarget(name: "t", provider: shrunk, policy: policy)],
            state: setup.state,
            audit: try AuditLogWriter.open(path: folder.file("audit.jsonl"), run: "r"),
            options: ApplyOptions(configDigest: "c", maxPlanAge: 3600),
            logger: Logger(label: "test")
        )
        await #expect(throws: ApplyError.self) { try await applier.apply() }
        #expect(shrunk.calls.isEmpty, "nothing is changed when a threshold trips at apply time")
    }

    @Test("An interrupted run finishes nothing new and reports the rest as skipped")
    func interrupted() async throws {
        let provider = FakeProvider(accounts: [])
        let setup = try await Setup(desired: (1...20).map { Self.user("u\($0)") }, provider: provider)
        let interruption = ApplyInterruption()
        interruption.interrupt()
        let report = try await setup.apply(interruption: interruption)
        #expect(report.wasInterrupted)
        #expect(report.result == .interrupted)
        #expect(provider.calls.isEmpty)
        #expect(report.counts["skipped"] == 20)
    }

    @Test("GoTo: a reactivate gives back the licences the suspend took away, remembered by the state store")
    func gotoLicencesRemembered() async throws {
        let provider = FakeProvider(kind: .goto, accounts: [Self.account("ann", licences: ["L1", "L2"], kind: .goto)])
        var suspending = Self.policy
        suspending.deprovisioning = .suspend
        let off = try await Setup(desired: [Self.user("ann", enabled: false)], provider: provider, policy: suspending)
        _ = try await off.apply()
        #expect(try off.state.state(target: "t").accounts.first?.suspendedLicences == ["L1", "L2"])
        // The provider forgets (a new process): the suspended account no longer carries the licences.
        provider.edit("ann@example.com") { $0.fields["goto.suspendedLicenseKeys"] = nil }
        let targetPlan = Planner(policy: Self.policy).plan(
            target: "t",
            provider: .goto,
            desired: [Self.user("ann")],
            accounts: try await provider.listAccounts(),
            state: try off.state.state(target: "t"),
            now: Self.now
        )
        let plan = try Plan(toolVersion: "test", date: Self.now, configDigest: "c", targets: [targetPlan]).sealed()
        _ = try await Applier(
            plan: plan,
            targets: [ApplyTarget(name: "t", provider: provider, policy: Self.policy)],
            state: off.state,
            audit: try AuditLogWriter.open(path: off.auditPath, run: "r2"),
            options: ApplyOptions(configDigest: "c", maxPlanAge: 3600),
            logger: Logger(label: "test")
        ).apply()
        #expect(provider.calls.last == "reactivate L1,L2 ann@example.com")
        #expect(try off.state.state(target: "t").accounts.first?.suspendedLicences == [])
    }
}

extension TemporaryDirectory {
    /// A file in the folder.
    func file(_ name: String) -> String { url.appendingPathComponent(name).path }
}
