import Foundation
import OrganizerSyncCore
import SyncPlanning
import Testing

/// The plan file and the plan digest are written by hand; these tests hold them to `JSONEncoder`'s bytes.
@Suite struct PlanWritingTests {
    static let awkward = "Jürgen \"J\" O'Brien\\ a/b\n\t\r\u{8}\u{C}\u{1}\u{1F}\u{7F} 🙂 \u{2028}"

    static func fullAccountFields() -> AccountFields {
        AccountFields(
            email: "jurgen@example.com",
            firstName: awkward,
            lastName: "O'Brien",
            displayName: "J O",
            licences: ["B", "A"],
            userType: "2",
            fields: ["title": awkward, "Dept": "Ops", "dept": "x", "ä": "1", "a_b": "2"]
        )
    }

    /// A target in which every optional is set and every array and dictionary holds something.
    static func fullTarget() -> TargetPlan {
        var target = TargetPlan(
            target: "zoom-main",
            provider: .zoom,
            directoryDigest: String(repeating: "d", count: 64),
            providerDigest: String(repeating: "p", count: 64),
            stateDigest: String(repeating: "s", count: 64),
            inScopeCount: 12,
            accountCount: 34,
            actions: [
                PlannedAction(
                    kind: .update,
                    anchor: "anchor/1",
                    dn: "cn=Jürgen,ou=People,dc=example,dc=com",
                    email: "Jurgen@Example.com",
                    reasons: ["field title changed", awkward],
                    precondition: AccountPrecondition(
                        exists: true,
                        providerID: "z/1",
                        email: "Jurgen@Example.com",
                        status: .suspended,
                        accountDigest: String(repeating: "a", count: 64)
                    ),
                    changes: [FieldChange(field: "title", before: "Eng", after: awkward)],
                    fields: fullAccountFields()
                ),
                PlannedAction(
                    kind: .create,
                    anchor: "anchor-2",
                    dn: "uid=b",
                    email: "b@example.com",
                    reasons: ["in scope"],
                    precondition: .absent(email: "b@example.com"),
                    fields: AccountFields(email: "b@example.com")
                ),
            ],
            conflicts: [
                PlanConflict(kind: .tangled, anchors: ["x", "y"], emails: ["e@example.com"], providerIDs: ["1", "2"])
            ],
            protected: [
                ProtectedAccountReport(
                    anchor: "anchor-3",
                    providerID: "z3",
                    email: "owner@example.com",
                    status: .active,
                    protectedBy: "role:owner",
                    withheld: .suspend,
                    reasons: ["disabled in the directory"]
                )
            ],
            unmanaged: [
                UnmanagedAccountReport(
                    providerID: "z9",
                    email: "guest@example.net",
                    status: .pending,
                    disposition: .leave
                )
            ],
            deferredDeletions: [
                DeferredDeletion(
                    anchor: "anchor-4",
                    providerID: "z4",
                    email: "leaver@example.com",
                    suspendedAt: 1_799_136_000.5,
                    deleteAfter: 1e15
                )
            ],
            gates: [
                BlockedGate(name: "threshold.suspends.share", observed: 3, limit: 0.1, base: 30, blocks: [.suspend])
            ],
            links: [
                AccountLink(anchor: "anchor-1", providerID: "z/1", email: "Jurgen@Example.com", recordsSuspension: true)
            ]
        )
        target.conflicts[0].users = [
            PlanUser(anchor: "x", dn: "uid=x,ou=People,dc=example,dc=com", login: "x", reason: "r", message: "m")
        ]
        target.skipped = [
            PlanUser(
                anchor: "anchor-5",
                dn: "cn=Jürgen \\+ Co,dc=example,dc=com",
                login: awkward,
                reason: "missingEmail",
                message: "a user in scope has no email after mapping"
            )
        ]
        return target
    }

    /// A target with every array empty and every optional left out.
    static func emptyTarget() -> TargetPlan {
        TargetPlan(
            target: "goto",
            provider: .goto,
            directoryDigest: "",
            providerDigest: "",
            stateDigest: "",
            inScopeCount: 0,
            accountCount: 0,
            actions: [
                PlannedAction(
                    kind: .delete,
                    anchor: nil,
                    dn: nil,
                    email: "x@example.com",
                    reasons: [],
                    precondition: AccountPrecondition(exists: true, email: "x@example.com")
                ),
                PlannedAction(
                    kind: .withdrawInvitation,
                    anchor: "p",
                    dn: nil,
                    email: "p@example.com",
                    reasons: [],
                    precondition: AccountPrecondition(exists: true, email: "p@example.com", status: .pending)
                ),
            ],
            conflicts: [],
            protected: [
                ProtectedAccountReport(
                    anchor: nil,
                    providerID: nil,
                    email: "y@example.com",
                    status: .unknown,
                    protectedBy: "status:unknown",
                    withheld: .update,
                    reasons: []
                )
            ],
            unmanaged: [
                UnmanagedAccountReport(providerID: nil, email: "z@example.com", status: .active, disposition: .delete)
            ],
            deferredDeletions: [
                DeferredDeletion(anchor: "a", providerID: nil, email: "a@", suspendedAt: nil, deleteAfter: nil),
                DeferredDeletion(anchor: "b", providerID: nil, email: "b@", suspendedAt: -0.0, deleteAfter: 1e21),
                DeferredDeletion(anchor: "c", providerID: nil, email: "c@", suspendedAt: 1e-5, deleteAfter: 100),
            ],
            gates: [BlockedGate(name: "guard.emptyDirectory", observed: 0, limit: 1, blocks: [])],
            links: [AccountLink(anchor: "a", providerID: nil, email: "a@example.com")]
        )
    }

    static func plan() throws -> Plan {
        var plan = Plan(
            toolVersion: "0.1.0",
            createdAt: "2027-01-15T08:00:00Z",
            configDigest: String(repeating: "ab", count: 32),
            targets: [fullTarget(), emptyTarget()]
        )
        plan.directoryWarnings = ["1 member value(s) in 1 group(s) match no user read and no group read: cn=Gone,dc=x"]
        return try plan.sealed()
    }

    @Test func planFileIsJSONEncodersPrettyOutput() throws {
        let plan = try PlanWritingTests.plan()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var expected = try encoder.encode(plan)
        expected.append(0x0A)
        let written = try plan.encoded()
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(written == expected)
        #expect(try Plan.decodeVerified(from: written) == plan)
    }

    /// A plan with no skipped user, no conflict member list and no withdrawal is written as before those
    /// existed, so plans made by an earlier version still decode and verify, and their digest is unchanged.
    @Test func plansWithoutTheNewReportsKeepTheirEncoding() throws {
        var target = PlanWritingTests.emptyTarget()
        target.actions.removeLast()  // the withdrawal
        target.summary = PlanSummary(actions: target.actions, conflicts: 0, protected: 1, unmanaged: 0)
        let plan = try Plan(toolVersion: "t", createdAt: "c", configDigest: "d", targets: [target]).sealed()
        let text = String(decoding: try plan.encoded(), as: UTF8.self)
        for key in ["skipped", "withdrawInvitation", "users", "login"] {
            #expect(!text.contains("\"\(key)\""), "\(key) written for a plan without it")
        }
        #expect(try Plan.decodeVerified(from: try plan.encoded()) == plan)
    }

    @Test func digestIsOverJSONEncodersCanonicalOutput() throws {
        var plan = try PlanWritingTests.plan()
        let digest = try #require(plan.digest)
        plan.digest = nil
        #expect(digest == "sha256:" + CanonicalJSON.sha256Hex(try CanonicalJSON.encode(plan)))
    }

    @Test func aNonFiniteNumberIsRefusedInTheFileButDigestedAsText() throws {
        var target = PlanWritingTests.emptyTarget()
        target.deferredDeletions[0].deleteAfter = .infinity
        target.gates[0].limit = .nan
        let plan = Plan(toolVersion: "t", createdAt: "c", configDigest: "d", targets: [target])
        expectPlanError(.encodingFailed) { _ = try plan.encoded() }
        #expect(try plan.contentDigest() == "sha256:" + CanonicalJSON.sha256Hex(try CanonicalJSON.encode(plan)))
    }

    /// The sample must set every stored property, so that the comparison above sees each one: a property
    /// added to a plan type and left `nil` or empty here would be missing from both outputs unnoticed, and
    /// a hand-written writer that forgot it would leave it out of the digest.
    @Test func theSampleSetsEveryStoredProperty() throws {
        var unset: [String] = []
        func walk(_ value: Any, path: String) {
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional {
                guard let wrapped = mirror.children.first else {
                    unset.append(path)
                    return
                }
                walk(wrapped.value, path: path)
                return
            }
            if mirror.displayStyle == .collection || mirror.displayStyle == .dictionary {
                if mirror.children.isEmpty { unset.append(path) }
                for (index, child) in mirror.children.enumerated() { walk(child.value, path: "\(path)[\(index)]") }
                return
            }
            guard mirror.displayStyle == .struct else { return }
            for child in mirror.children { walk(child.value, path: "\(path).\(child.label ?? "?")") }
        }
        var target = PlanWritingTests.fullTarget()
        target.actions.removeLast()  // the create, which has no account and only the email to send
        walk(target, path: "target")
        #expect(unset.isEmpty, "unset in the full sample: \(unset)")
    }

    /// The snapshot digests sort elements by their bytes; anchors that are prefixes of one another, escapes
    /// and non-ASCII text all sort as `JSONEncoder`'s bytes do.
    @Test func snapshotDigestsSortLikeCanonicalBytes() {
        var desired: [DesiredAccount] = []
        var accounts: [ProviderAccount] = []
        for n in 0..<300 {
            let anchor = ["a", "a-", "a\"", "ä", "A", "a/"][n % 6] + String(n % 37)
            desired.append(
                DesiredAccount(
                    anchor: anchor,
                    dn: "uid=\(n)",
                    fields: AccountFields(email: "u\(n)@example.com", fields: n % 3 == 0 ? ["b": "1", "a": "2"] : [:]),
                    isEnabled: n % 4 != 0,
                    scopeReasons: ["all users"]
                )
            )
            accounts.append(
                ProviderAccount(
                    id: n % 5 == 0 ? nil : "id\(n % 50)",
                    email: "U\(n)@Example.com",
                    status: n % 7 == 0 ? .suspended : .active,
                    fields: ["dept": "D\(n % 4)", "Type": "person"]
                )
            )
        }
        let plan = Planner(policy: Fixture.lenient).plan(
            target: "t",
            provider: .webex,
            desired: desired.reversed(),
            accounts: accounts,
            state: SyncState(),
            now: Fixture.now
        )
        #expect(plan.directoryDigest == CanonicalJSON.setDigest(desired))
        #expect(plan.providerDigest == CanonicalJSON.setDigest(accounts.shuffled()))
    }

    @Test func emailNormalizationTrimsAndLowerCases() {
        #expect(EmailPattern.normalize("Ada@Example.COM") == "ada@example.com")
        #expect(EmailPattern.normalize("ada@example.com") == "ada@example.com")
        #expect(EmailPattern.normalize("  Ada@Example.com\t") == "ada@example.com")
        #expect(EmailPattern.normalize("JÜRGEN@Example.com") == "jürgen@example.com")
        #expect(EmailPattern.normalize("\u{A0}x@Y.z") == "x@y.z")
        #expect(EmailPattern.normalize("") == "")
    }
}
