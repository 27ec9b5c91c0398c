import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

@testable import LDAPDirectory

/// Changes made on the DC between two reads.
///
/// The suite has a DC of its own (a second loopback
/// address), so the read-only tests never see these changes.
@Suite("Active Directory changes: rename, move, delete, disable", .serialized, .sambaDC)
struct ADChangeTests {
    static let changeDC = Task { try await SambaDC.start() }

    @Test("A renamed user (new CN, sAMAccountName, mail and UPN) keeps its objectGUID anchor")
    func rename() async throws {
        let dc = try await Self.changeDC.value
        let configuration = try loadConfiguration(dc)
        let before = try await read(configuration).snapshot.user("heidi")
        let oldDN = "CN=Heidi Hill,OU=Engineering,\(dc.peopleBase)"
        try await dc.modify(
            """
            dn: \(oldDN)
            changetype: modrdn
            newrdn: CN=Heidi Stone
            deleteoldrdn: 1

            dn: CN=Heidi Stone,OU=Engineering,\(dc.peopleBase)
            changetype: modify
            replace: sAMAccountName
            sAMAccountName: heidi.stone
            -
            replace: mail
            mail: heidi.stone@example.test
            -
            replace: userPrincipalName
            userPrincipalName: heidi.stone@example.test
            -
            replace: sn
            sn: Stone

            """
        )
        let snapshot = try await read(configuration).snapshot
        #expect(snapshot.users.first { $0.username == "heidi" } == nil)
        let after = try snapshot.user("heidi.stone")
        #expect(after.anchor == before.anchor)
        #expect(after.email == "heidi.stone@example.test")
        #expect(after.dn == "CN=Heidi Stone,OU=Engineering,\(dc.peopleBase)")
        // Group member values follow the rename on the server: the user keeps its groups.
        #expect(try snapshot.groupNames(of: "heidi.stone") == ["AllStaff", "Engineers"])
    }

    @Test("A user moved to another OU keeps its anchor and its groups")
    func move() async throws {
        let dc = try await Self.changeDC.value
        let configuration = try loadConfiguration(dc)
        let before = try await read(configuration).snapshot.user("ivan")
        try await dc.modify(
            """
            dn: CN=Ivan Irons,OU=Engineering,\(dc.peopleBase)
            changetype: modrdn
            newrdn: CN=Ivan Irons
            deleteoldrdn: 1
            newsuperior: OU=Sales,\(dc.peopleBase)

            """
        )
        let snapshot = try await read(configuration).snapshot
        let after = try snapshot.user("ivan")
        #expect(after.anchor == before.anchor)
        #expect(after.dn == "CN=Ivan Irons,OU=Sales,\(dc.peopleBase)")
        #expect(try snapshot.groupNames(of: "ivan") == ["AllStaff", "Engineers"])
    }

    @Test("A deleted user disappears from the read and from its groups; the tombstone keeps the GUID")
    func delete() async throws {
        let dc = try await Self.changeDC.value
        let configuration = try loadConfiguration(dc)
        let before = try await read(configuration).snapshot.user("judy")
        try await dc.modify("dn: CN=Judy Jones,OU=Engineering,\(dc.peopleBase)\nchangetype: delete\n\n")
        let snapshot = try await read(configuration).snapshot
        #expect(snapshot.users.first { $0.username == "judy" } == nil)
        #expect(snapshot.users.first { $0.anchor == before.anchor } == nil)
        #expect(try !snapshot.memberNames(of: "Engineers").contains("judy"))
        #expect(try snapshot.group("Engineers").unresolvedMemberCount == 0, "AD removes the member value too")
        // As Administrator with the show-deleted control, the tombstone still carries the objectGUID.
        let result = try await runProcess(
            "ldapsearch",
            [
                "-LLL", "-x", "-H", dc.ldapsURL, "-D", dc.adminDN, "-y", dc.adminPasswordFile, "-b", dc.base,
                "-E", "showDeleted", "(&(isDeleted=TRUE)(sAMAccountName=judy))", "lastKnownParent",
            ],
            environment: dc.ldapToolEnvironment,
            timeout: 60
        )
        #expect(result.status == 0)
        #expect(result.stdout.contains("lastKnownParent: OU=Engineering,\(dc.peopleBase)"))
    }

    @Test("Disabling and enabling a user flips isEnabled at the next read")
    func disableAndEnable() async throws {
        let dc = try await Self.changeDC.value
        let configuration = try loadConfiguration(dc)
        let bob = "CN=Bob Baker,OU=Engineering,\(dc.peopleBase)"
        try await dc.modify("dn: \(bob)\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: 546\n\n")
        #expect(try await read(configuration).snapshot.user("bob").isEnabled == false)
        try await dc.modify("dn: \(bob)\nchangetype: modify\nreplace: userAccountControl\nuserAccountControl: 544\n\n")
        #expect(try await read(configuration).snapshot.user("bob").isEnabled)
    }

    @Test("A seeded rename-and-move (peggy.old to peggy) and a seeded delete (trent) are already in the domain")
    func seededHistory() async throws {
        let dc = try await Self.changeDC.value
        let snapshot = try await read(try loadConfiguration(dc)).snapshot
        #expect(try snapshot.user("peggy").dn.contains("OU=Former"))
        #expect(snapshot.users.first { $0.username == "trent" } == nil)
        let result = try await runProcess(
            "ldapsearch",
            [
                "-LLL", "-x", "-H", dc.ldapsURL, "-D", dc.adminDN, "-y", dc.adminPasswordFile, "-b", dc.base,
                "-E", "showDeleted", "(&(isDeleted=TRUE)(sAMAccountName=trent))", "objectGUID",
            ],
            environment: dc.ldapToolEnvironment,
            timeout: 60
        )
        #expect(values(of: "objectGUID:", in: result.stdout).count == 1, "the tombstone's objectGUID (base64)")
    }
}
