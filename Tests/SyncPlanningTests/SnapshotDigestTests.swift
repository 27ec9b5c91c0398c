import Foundation
import OrganizerSyncCore
import SyncPlanning
import Testing

/// The snapshot digests are SHA-256 over the same canonical JSON that ``CanonicalJSON/encode(_:)`` writes.
@Suite struct SnapshotDigestTests {
    static let awkward = "Jürgen \"J\" O'Brien\\ a/b\n\t\r\u{8}\u{C}\u{1}\u{1F} 🙂"

    static let account = ProviderAccount(
        id: "p/1",
        email: "Jurgen@Example.com",
        firstName: awkward,
        displayName: nil,
        status: .suspended,
        licences: ["B", "A"],
        userType: "2",
        roles: ["Owner"],
        isAdmin: true,
        fields: ["title": awkward, "Dept": "Ops", "dept": "x", "ä": "1", "a_b": "2"]
    )

    static let desired = DesiredAccount(
        anchor: "anchor-1",
        dn: "cn=Jürgen,ou=People,dc=example,dc=com",
        fields: AccountFields(
            email: "jurgen@example.com",
            lastName: awkward,
            licences: [],
            fields: ["Title": "Lead", "title": "lead", "zz": ""]
        ),
        isEnabled: false,
        scopeReasons: ["group:hosts", "filter:(x=1)"],
        licenceRule: nil
    )

    static let records = [
        SyncState.ManagedAccount(
            anchor: "anchor-1",
            providerID: nil,
            email: "a@example.com",
            suspendedAt: 1_799_136_000
        ),
        SyncState.ManagedAccount(
            anchor: "anchor-2",
            providerID: "p2",
            email: "b@example.com",
            suspendedAt: 1_799_136_000.5
        ),
    ]

    static func plan() -> TargetPlan {
        Planner(policy: Fixture.lenient).plan(
            target: "t",
            provider: .webex,
            desired: [desired, Fixture.user("u2", "b@example.com")],
            accounts: [account, Fixture.account("2", "other@example.com")],
            state: SyncState(accounts: records, lastInScopeCount: 7),
            now: Fixture.now
        )
    }

    @Test func directoryAndProviderDigestsAreCanonicalJSON() throws {
        let plan = SnapshotDigestTests.plan()
        #expect(
            plan.directoryDigest
                == CanonicalJSON.setDigest([SnapshotDigestTests.desired, Fixture.user("u2", "b@example.com")])
        )
        #expect(
            plan.providerDigest
                == CanonicalJSON.setDigest([Fixture.account("2", "other@example.com"), SnapshotDigestTests.account])
        )
    }

    /// A run computes the directory digest while it lists the accounts and hands it to the planner: it is the
    /// one the planner computes itself, and the plan made with it is the same plan.
    @Test func aDirectoryDigestComputedAheadMakesTheSamePlan() {
        let desired = [SnapshotDigestTests.desired, Fixture.user("u2", "b@example.com")]
        let ahead = Planner.directoryDigest(of: desired)
        #expect(ahead == CanonicalJSON.setDigest(desired))
        let given = Planner(policy: Fixture.lenient).plan(
            target: "t",
            provider: .webex,
            desired: desired,
            accounts: [SnapshotDigestTests.account, Fixture.account("2", "other@example.com")],
            state: SyncState(accounts: SnapshotDigestTests.records, lastInScopeCount: 7),
            now: Fixture.now,
            directoryDigest: ahead
        )
        #expect(given == SnapshotDigestTests.plan())
    }

    /// Values equal past the bytes the digest sorts by are compared whole: one long display name shared by
    /// every account, emails that differ only at the end or are a prefix of another, exact duplicates.
    @Test func digestsSortValuesEqualPastTheKeptBytes() {
        let shared = String(repeating: "Maximiliane Mustermann-", count: 4)
        var accounts: [ProviderAccount] = []
        for email in ["z@x.org", "a@x.org", "a@x.or", "a@x.orga", "a@x.org", "m@x.org"] {
            accounts.append(ProviderAccount(id: nil, email: email, displayName: shared, status: .active))
        }
        accounts.append(ProviderAccount(id: nil, email: "a@x.org", displayName: "Short", status: .active))
        accounts.append(ProviderAccount(id: nil, email: "b@x.org", status: .active))
        let desired = ["z", "a", "", "aa"].map { suffix in
            Fixture.user(String(repeating: "anchor-", count: 12) + suffix, "\(suffix)@example.com")
        }
        let plan = Planner(policy: Fixture.lenient).plan(
            target: "t",
            provider: .webex,
            desired: desired,
            accounts: accounts,
            state: SyncState(),
            now: Fixture.now
        )
        #expect(plan.providerDigest == CanonicalJSON.setDigest(accounts))
        #expect(plan.directoryDigest == CanonicalJSON.setDigest(desired))
        let reversed = Planner(policy: Fixture.lenient).plan(
            target: "t",
            provider: .webex,
            desired: desired.reversed(),
            accounts: accounts.reversed(),
            state: SyncState(),
            now: Fixture.now
        )
        #expect(reversed.providerDigest == plan.providerDigest)
        #expect(reversed.directoryDigest == plan.directoryDigest)
    }

    @Test func stateDigestIsCanonicalJSON() throws {
        let elements = try SnapshotDigestTests.records.map { try CanonicalJSON.encode($0) }
            .sorted { $0.lexicographicallyPrecedes($1) }
        var expected = Data(#"{"accounts":["#.utf8)
        expected.append(elements[0])
        expected.append(Data(",".utf8))
        expected.append(elements[1])
        expected.append(Data(#"],"lastInScopeCount":7}"#.utf8))
        #expect(SnapshotDigestTests.plan().stateDigest == CanonicalJSON.sha256Hex(expected))
    }

    @Test func preconditionDigestIsCanonicalJSON() {
        let precondition = AccountPrecondition.seen(SnapshotDigestTests.account)
        #expect(precondition.accountDigest == CanonicalJSON.digest(SnapshotDigestTests.account))
        #expect(precondition.holds(for: SnapshotDigestTests.account))
    }
}
