import OrganizerSyncCore
import SyncPlanning
import Testing

/// One row of the planner table: inputs and what the plan must hold.
struct Situation: Sendable, CustomTestStringConvertible {
    var name: String
    var provider: ProviderKind = .goto
    var policy: PlanningPolicy = Fixture.lenient
    var desired: [DesiredAccount] = []
    var accounts: [ProviderAccount] = []
    var records: [SyncState.ManagedAccount] = []
    /// Every anchor the directory read returned, when the row says.
    var directoryAnchors: Set<String>?
    /// `kind email`, in plan order.
    var actions: [String] = []
    /// Reasons that some action must give.
    var reasons: [String] = []
    /// Changed fields of the update, if one is expected.
    var changedFields: [String] = []
    var conflicts: [PlanConflict.Kind] = []
    /// `withheld:rule`.
    var protected: [String] = []
    var unmanaged = 0
    var deferred = 0

    var testDescription: String { name }
}

extension Situation {
    /// Alice stays in the directory and Dave (anchor u4), who has an account, is gone from it: Dave is suspended.
    static func daveLeft(_ name: String, directoryAnchors: Set<String>? = nil, reasons: [String] = []) -> Situation {
        Situation(
            name: name,
            desired: [Fixture.user("u1", "alice@example.com")],
            accounts: [Fixture.account("1", "alice@example.com"), Fixture.account("2", "dave@example.com")],
            records: [Fixture.record("u1", "1", "alice@example.com"), Fixture.record("u4", "2", "dave@example.com")],
            directoryAnchors: directoryAnchors,
            actions: ["suspend dave@example.com"],
            reasons: reasons
        )
    }

    /// A user out of scope (directory anchor `anchor`) whose recorded account (`id`, `email`) is suspended.
    static func outOfScope(
        _ name: String,
        _ anchor: String,
        _ id: String,
        _ email: String,
        directoryAnchors: Set<String>? = nil
    ) -> Situation {
        Situation(
            name: name,
            accounts: [Fixture.account(id, email)],
            records: [Fixture.record(anchor, id, email)],
            directoryAnchors: directoryAnchors,
            actions: ["suspend \(email)"],
            reasons: ["not in scope any more"]
        )
    }

    /// Every situation issue 4 lists, one row each.
    static let table: [Situation] = [
        Situation(
            name: "in scope, no account: create",
            desired: [
                Fixture.user("u1", "alice@example.com", licences: ["G2M"], licenceRule: "group:licensed")
            ],
            actions: ["create alice@example.com"],
            reasons: ["in scope: group:hosts", "licence rule: group:licensed"]
        ),
        Situation(
            name: "matched by email, nothing differs",
            desired: [Fixture.user("u1", "alice@example.com", title: "Eng")],
            accounts: [Fixture.account("1", "alice@example.com", title: "Eng")]
        ),
        Situation(
            name: "matched by email with a case difference and spaces: never a delete or an update",
            desired: [Fixture.user("u1", " Alice@Example.COM ")],
            accounts: [Fixture.account("1", "alice@example.com")]
        ),
        Situation(
            name: "matched by anchor (recorded id), email changed: update",
            desired: [Fixture.user("u1", "alice.smith@example.com")],
            accounts: [Fixture.account("1", "alice.jones@example.com")],
            records: [Fixture.record("u1", "1", "alice.jones@example.com")],
            actions: ["update alice.jones@example.com"],
            reasons: ["field email changed"],
            changedFields: ["email"]
        ),
        Situation(
            name: "matched by recorded email (pending Zoom account without id), email changed: invitation sent again",
            provider: .zoom,
            desired: [Fixture.user("u1", "new@example.com", first: "Ann")],
            accounts: [Fixture.account(nil, "old@example.com", .pending)],
            records: [Fixture.record("u1", nil, "old@example.com")],
            actions: ["create new@example.com", "withdraw invitation old@example.com"]
        ),
        Situation(
            name: "pending Zoom account matched by email, user type differs: updated once the invitation is accepted",
            provider: .zoom,
            desired: [Fixture.user("u1", "ann@example.com", licences: ["ignored"], userType: "2")],
            accounts: [Fixture.account(nil, "ann@example.com", .pending, userType: "1")]
        ),
        Situation(
            name: "licences are ignored by Zoom",
            provider: .zoom,
            desired: [Fixture.user("u1", "ann@example.com", licences: ["A"])],
            accounts: [Fixture.account("z1", "ann@example.com")]
        ),
        Situation(
            name: "GoTo licences differ: update only the licences",
            desired: [Fixture.user("u1", "ann@example.com", title: "Eng", licences: ["G2M", "G2W"])],
            accounts: [Fixture.account("1", "ann@example.com", title: "Eng", licences: ["G2M"])],
            actions: ["update ann@example.com"],
            changedFields: ["licences"]
        ),
        Situation(
            name: "field title changed: update that field only",
            desired: [Fixture.user("u1", "bob@example.com", first: "Bob", title: "Senior Engineer")],
            accounts: [Fixture.account("1", "bob@example.com", first: "Bob", title: "Engineer")],
            actions: ["update bob@example.com"],
            reasons: ["field title changed"],
            changedFields: ["title"]
        ),
        outOfScope("out of scope: suspend", "u3", "1", "carol@example.com"),
        daveLeft("deleted from the directory while others stay: suspend only the leaver"),
        daveLeft(
            "deleted from the directory, with the directory's anchors known",
            directoryAnchors: ["u1"],
            reasons: ["deleted from the directory"]
        ),
        outOfScope(
            "out of scope but still in the directory, with the directory's anchors known",
            "u4",
            "2",
            "dave@example.com",
            directoryAnchors: ["u4"]
        ),
        Situation(
            name: "disabled in the directory: suspend",
            desired: [Fixture.user("u1", "alice@example.com", enabled: false)],
            accounts: [Fixture.account("1", "alice@example.com")],
            actions: ["suspend alice@example.com"],
            reasons: ["disabled in the directory"]
        ),
        Situation(
            name: "disabled in the directory without an account: nothing",
            desired: [Fixture.user("u1", "alice@example.com", enabled: false)]
        ),
        Situation(
            name: "leaver already suspended: nothing",
            accounts: [Fixture.account("1", "carol@example.com", .suspended)],
            records: [Fixture.record("u3", "1", "carol@example.com", suspendedDaysAgo: 3)]
        ),
        Situation(
            name: "suspended and returning: reactivate",
            desired: [Fixture.user("u1", "alice@example.com")],
            accounts: [Fixture.account("1", "alice@example.com", .suspended)],
            records: [Fixture.record("u1", "1", "alice@example.com", suspendedDaysAgo: 3)],
            actions: ["reactivate alice@example.com"],
            reasons: ["in scope: group:hosts"]
        ),
        Situation(
            name: "suspended and returning with a changed field: reactivate and update",
            desired: [Fixture.user("u1", "alice@example.com", title: "Lead")],
            accounts: [Fixture.account("1", "alice@example.com", .suspended, title: "Eng")],
            records: [Fixture.record("u1", "1", "alice@example.com", suspendedDaysAgo: 3)],
            actions: ["update alice@example.com", "reactivate alice@example.com"],
            changedFields: ["title"]
        ),
        Situation(
            name: "suspend then delete, active leaver: suspend",
            policy: Fixture.policy { $0.deprovisioning = .suspendThenDelete(afterDays: 30) },
            accounts: [Fixture.account("1", "carol@example.com")],
            records: [Fixture.record("u3", "1", "carol@example.com")],
            actions: ["suspend carol@example.com"],
            reasons: ["delete after 30 days suspended"]
        ),
        Situation(
            name: "grace period running: nothing yet, deferred",
            policy: Fixture.policy { $0.deprovisioning = .suspendThenDelete(afterDays: 30) },
            accounts: [Fixture.account("1", "carol@example.com", .suspended)],
            records: [Fixture.record("u3", "1", "carol@example.com", suspendedDaysAgo: 29)],
            deferred: 1
        ),
        Situation(
            name: "grace period expired: delete",
            policy: Fixture.policy { $0.deprovisioning = .suspendThenDelete(afterDays: 30) },
            accounts: [Fixture.account("1", "carol@example.com", .suspended)],
            records: [Fixture.record("u3", "1", "carol@example.com", suspendedDaysAgo: 31)],
            actions: ["delete carol@example.com"],
            reasons: ["not in scope any more", "grace period of 30 days expired"]
        ),
        Situation(
            name: "a leaver's pending Zoom invitation under suspend: kept (pending_invitations: keep)",
            provider: .zoom,
            accounts: [Fixture.account(nil, "frank@example.com", .pending)],
            records: [Fixture.record("u6", nil, "frank@example.com")]
        ),
        Situation(
            name: "a leaver's pending Zoom invitation with pending_invitations: withdraw: withdrawn",
            provider: .zoom,
            policy: Fixture.policy { $0.pendingInvitations = .withdraw },
            accounts: [Fixture.account(nil, "frank@example.com", .pending)],
            records: [Fixture.record("u6", nil, "frank@example.com")],
            actions: ["withdraw invitation frank@example.com"],
            reasons: ["the Zoom invitation was never accepted: it is withdrawn (policy pending_invitations: withdraw)"]
        ),
        Situation(
            name: "deprovisioning by delete",
            policy: Fixture.policy { $0.deprovisioning = .delete },
            desired: [Fixture.user("u1", "alice@example.com", enabled: false)],
            accounts: [Fixture.account("1", "alice@example.com")],
            actions: ["delete alice@example.com"]
        ),
        Situation(
            name: "unmanaged account: left alone and reported",
            accounts: [Fixture.account("9", "stranger@example.com")],
            unmanaged: 1
        ),
        Situation(
            name: "unmanaged account with policy suspend",
            policy: Fixture.policy { $0.unmanagedAccounts = .suspend },
            accounts: [Fixture.account("9", "stranger@example.com")],
            actions: ["suspend stranger@example.com"],
            reasons: ["unmanaged account (policy: suspend)"],
            unmanaged: 1
        ),
        Situation(
            name: "unmanaged account with policy delete",
            policy: Fixture.policy { $0.unmanagedAccounts = .delete },
            accounts: [Fixture.account("9", "stranger@example.com", .suspended)],
            actions: ["delete stranger@example.com"],
            unmanaged: 1
        ),
        Situation(
            name: "protected by pattern: leaver not suspended",
            policy: Fixture.policy { $0.protectedEmails = ["*@OPS.example.com"] },
            accounts: [Fixture.account("1", "root@ops.example.com")],
            records: [Fixture.record("u3", "1", "root@ops.example.com")],
            protected: ["suspend:pattern:*@OPS.example.com"]
        ),
        Situation(
            name: "protected administrator: update withheld",
            desired: [Fixture.user("u1", "boss@example.com", title: "CEO")],
            accounts: [Fixture.account("1", "boss@example.com", title: "CTO", admin: true)],
            protected: ["update:administrator"]
        ),
        Situation(
            name: "protected owner role: unmanaged delete withheld",
            policy: Fixture.policy { $0.unmanagedAccounts = .delete },
            accounts: [Fixture.account("1", "owner@example.com", roles: ["Owner"])],
            protected: ["delete:role:Owner"],
            unmanaged: 1
        ),
        Situation(
            name: "administrators unprotected when the policy says so",
            policy: Fixture.policy { $0.protectsAdministrators = false },
            accounts: [Fixture.account("1", "boss@example.com", admin: true)],
            records: [Fixture.record("u1", "1", "boss@example.com")],
            actions: ["suspend boss@example.com"]
        ),
        Situation(
            name: "unknown status: never touched",
            accounts: [Fixture.account("1", "odd@example.com", .unknown)],
            records: [Fixture.record("u3", "1", "odd@example.com")],
            protected: ["suspend:status:unknown"]
        ),
        Situation(
            name: "unknown status matched to a user in scope: reported, not touched",
            desired: [Fixture.user("u1", "odd@example.com")],
            accounts: [Fixture.account("1", "odd@example.com", .unknown)],
            protected: ["reactivate:status:unknown"]
        ),
        Situation(
            name: "conflict: two directory users map to one account",
            desired: [
                Fixture.user("u1", "carol.new@example.com"), Fixture.user("u2", "carol@example.com"),
            ],
            accounts: [Fixture.account("1", "carol@example.com")],
            records: [Fixture.record("u1", "1", "carol@example.com")],
            conflicts: [.sharedAccount]
        ),
        Situation(
            name: "conflict: one email used by two directory users",
            desired: [Fixture.user("u1", "pat@example.com"), Fixture.user("u2", "PAT@example.com")],
            conflicts: [.duplicateEmail]
        ),
        Situation(
            name: "conflict: matched by anchor and another account by email",
            desired: [Fixture.user("u1", "new@example.com")],
            accounts: [Fixture.account("1", "old@example.com"), Fixture.account("2", "new@example.com")],
            records: [Fixture.record("u1", "1", "old@example.com")],
            conflicts: [.severalAccounts]
        ),
        Situation(
            name: "stale state record, account gone: create again",
            desired: [Fixture.user("u1", "alice@example.com")],
            records: [Fixture.record("u1", "gone", "alice@example.com")],
            actions: ["create alice@example.com"]
        ),
    ]
}
