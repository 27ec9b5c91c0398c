import Foundation
import OrganizerSyncTestSupport
import Testing

/// The lifecycle an admin sees on Active Directory: the built binary against the test Samba AD DC (in an OU of
/// its own beside `OU=Corp`, so the directory tests sharing the DC, which read below `OU=Corp`, never see these
/// users) and the simulator's Webex API, through `plan`, `apply` and `reconcile`.
@Suite("Lifecycle on Active Directory", .serialized, .sambaDC)
struct ADLifecycleTests {
    /// The story's users and group, below `OU=Lifecycle` at the top of the domain.
    struct Domain {
        let dc: SambaDC
        var ou: String { "OU=Lifecycle,\(dc.base)" }
        var group: String { "CN=LC-Hosts,\(ou)" }

        func user(_ name: String) -> String { "CN=LC \(name),\(ou)" }

        /// Adds the OU, four enabled users with mail and UPN, and the provisioning group holding them.
        func seed() async throws {
            var ldif = "dn: \(ou)\nchangetype: add\nobjectClass: organizationalUnit\n\n"
            for name in ["Ann", "Ben", "Cid", "Dee"] {
                let login = "lc.\(name.lowercased())"
                ldif += """
                    dn: \(user(name))
                    changetype: add
                    objectClass: user
                    sAMAccountName: \(login)
                    userPrincipalName: \(login)@example.test
                    mail: \(login)@example.test
                    givenName: \(name)
                    sn: Lifecycle
                    displayName: \(name) Lifecycle
                    userAccountControl: 544


                    """
            }
            ldif += "dn: \(group)\nchangetype: add\nobjectClass: group\nsAMAccountName: LC-Hosts\n"
            ldif += ["Ann", "Ben", "Cid", "Dee"].map { "member: \(user($0))" }.joined(separator: "\n") + "\n\n"
            try await dc.modify(ldif)
        }

        /// The `directory:` section: the AD preset, users and groups below the story's OU.
        var section: String {
            dc.directoryYAML(usersBase: ou).replacingOccurrences(of: "base: \(dc.groupsBase)", with: "base: \(ou)")
        }

        func setEnabled(_ name: String, _ enabled: Bool) async throws {
            try await dc.modify(
                "dn: \(user(name))\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: "
                    + "\(enabled ? 544 : 546)\n\n"
            )
        }
    }

    @Test(
        "Disabled gets suspended, re-enabled reactivated, renamed updated, deleted through the grace period, removed from the group deprovisioned"
    )
    func lifecycle() async throws {
        let dc = try await SambaDC.shared()
        let domain = Domain(dc: dc)
        try await domain.seed()
        let story = try await LifecycleTests.Story.start(
            directory: domain.section,
            group: "LC-Hosts",
            directorySecrets: [try dc.password(in: dc.readerPasswordFile), try dc.password(in: dc.adminPasswordFile)]
        )
        defer { Task { await story.stop() } }

        try await story.converge(expecting: [
            "+ create lc.ann@example.test", "+ create lc.ben@example.test", "+ create lc.cid@example.test",
            "+ create lc.dee@example.test",
        ])

        // Disabled in AD (userAccountControl bit 0x2): suspended; enabled again: reactivated. reconcile does it
        // in one step, as the hourly job would.
        try await domain.setEnabled("Cid", false)
        let reconcile = try await story.run(["reconcile"])
        #expect(reconcile.status == 0, "\(reconcile.stdout)\n\(reconcile.stderr)")
        #expect(reconcile.stdout.contains("- suspend lc.cid@example.test"))
        #expect(try await story.status(of: "lc.cid@example.test") == "suspended")
        try await domain.setEnabled("Cid", true)
        try await story.converge(expecting: ["> reactivate lc.cid@example.test"])
        #expect(try await story.status(of: "lc.cid@example.test") == "active")

        // Renamed: new CN, sAMAccountName, UPN and mail, the same objectGUID: an update of the email, not a new account.
        try await dc.modify(
            """
            dn: \(domain.user("Dee"))
            changetype: modrdn
            newrdn: CN=LC Dee Renamed
            deleteoldrdn: 1

            dn: CN=LC Dee Renamed,\(domain.ou)
            changetype: modify
            replace: sAMAccountName
            sAMAccountName: lc.dee.renamed
            -
            replace: userPrincipalName
            userPrincipalName: lc.dee.renamed@example.test
            -
            replace: mail
            mail: lc.dee.renamed@example.test


            """
        )
        try await story.converge(expecting: ["~ update lc.dee@example.test"])
        #expect(try await story.status(of: "lc.dee.renamed@example.test") != nil)
        #expect(try await story.status(of: "lc.dee@example.test") == nil)

        // Removed from the provisioning group: suspended (deleted after the grace period).
        try await dc.modify(
            "dn: \(domain.group)\nchangetype: modify\ndelete: member\nmember: \(domain.user("Ben"))\n\n"
        )
        try await story.converge(expecting: ["- suspend lc.ben@example.test"])

        // Deleted in AD (a tombstone now): suspended, then deleted once the grace period has run.
        try await dc.modify("dn: \(domain.user("Ann"))\nchangetype: delete\n\n")
        try await story.converge(expecting: ["- suspend lc.ann@example.test"])
        #expect(try await story.run(["plan"]).status == 0, "the grace period is running: nothing to do")
        try story.writeConfiguration(graceDays: 0)
        try await story.converge(expecting: ["x delete lc.ann@example.test", "x delete lc.ben@example.test"])
        #expect(try await story.status(of: "lc.ann@example.test") == nil)

        let verify = try await story.run(["audit", "verify"])
        #expect(verify.status == 0, "\(verify.stdout)\n\(verify.stderr)")
    }
}
