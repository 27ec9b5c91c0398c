import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

@testable import LDAPDirectory

@Suite("Active Directory preset on a Samba AD DC", .sambaDC)
struct ADReadTests {
    @Test("ldaps and StartTLS with the DC's CA read the same users", arguments: ["ldaps", "starttls"])
    func transports(tls: String) async throws {
        let dc = try await dc()
        let configuration = try loadConfiguration(dc, tls: tls)
        #expect(configuration.connection.tlsMode == (tls == "ldaps" ? .ldaps : .startTLS))
        let (snapshot, _) = try await read(configuration)
        let names = snapshot.users.compactMap(\.username).sorted()
        for expected in ["alice", "bob", "carol", "dave", "frank", "peggy"] {
            #expect(names.contains(expected))
        }
        #expect(!names.contains("trent"), "a deleted user is not read")
        #expect(!names.contains("peggy.old"))
        // The only warning: BigGroup's bulk members live below OU=Bulk, outside the users' base.
        #expect(snapshot.warnings.count == 1, "\(snapshot.warnings)")
        #expect(
            snapshot.warnings.first?.text.hasPrefix("3100 member value(s) in 1 group(s) match no user read") == true
        )
    }

    @Test("The anchor is objectGUID as the canonical GUID string: the same as the server's extended DN")
    func guidAnchor() async throws {
        let dc = try await dc()
        let (snapshot, _) = try await read(try loadConfiguration(dc))
        // The server's own rendering: <GUID=...> in DNs returned with the extended DN control (mode 1).
        let ldif = try await dc.search(
            base: dc.peopleBase,
            filter: "(objectClass=user)",
            attributes: ["sAMAccountName"],
            extra: ["-E", "extendedDn=1"]
        )
        var serverGUIDs: [String: String] = [:]
        var currentGUID: String?
        for line in ldif.split(separator: "\n") {
            // The DN starts with '<', so ldapsearch prints it base64-encoded ("dn:: ").
            if line.hasPrefix("dn:: "), let data = Data(base64Encoded: String(line.dropFirst(5))) {
                let dn = String(decoding: data, as: UTF8.self)
                if dn.hasPrefix("<GUID="), let end = dn.firstIndex(of: ">") {
                    currentGUID = String(dn[dn.index(dn.startIndex, offsetBy: "<GUID=".count)..<end])
                }
            } else if line.hasPrefix("sAMAccountName: "), let guid = currentGUID {
                serverGUIDs[String(line.dropFirst("sAMAccountName: ".count))] = guid
            }
        }
        #expect(serverGUIDs.count == snapshot.users.count)
        for user in snapshot.users {
            let username = try #require(user.username)
            #expect(user.anchor == serverGUIDs[username]?.lowercased(), "anchor of \(username)")
            #expect(user.anchor.count == 36)
            #expect(user.value(of: "objectGUID") == user.anchor)
        }
    }

    @Test("userAccountControl bit 0x2 marks carol disabled; 544 (no password required) is enabled")
    func disabledBit() async throws {
        let (snapshot, _) = try await read(try loadConfiguration(try dc()))
        #expect(try snapshot.user("carol").isEnabled == false)
        #expect(try snapshot.user("carol").value(of: "userAccountControl") == "546")
        #expect(try snapshot.user("alice").isEnabled)
        #expect(try snapshot.user("alice").value(of: "userAccountControl") == "544")
        #expect(snapshot.users.filter { !$0.isEnabled }.map(\.username) == ["carol"])
    }

    @Test("Username is sAMAccountName; email is mail, else userPrincipalName, else none")
    func identityAttributes() async throws {
        let (snapshot, _) = try await read(try loadConfiguration(try dc()))
        let alice = try snapshot.user("alice")
        #expect(alice.email == "alice@example.test")
        #expect(alice.value(of: "userPrincipalName") == "alice@example.test")
        #expect(alice.value(of: "displayName") == "Alice Archer")
        #expect(alice.dn == "CN=Alice Archer,OU=Engineering,OU=People,OU=Corp,DC=example,DC=test")
        #expect(try snapshot.user("dave").email == "dave@example.test", "no mail: the UPN")
        #expect(try snapshot.user("frank").email == nil, "neither mail nor UPN")
        let peggy = try snapshot.user("peggy")
        #expect(peggy.email == "peggy.new@example.test")
        #expect(peggy.dn.hasPrefix("CN=Peggy New,OU=Former,"))
    }

    @Test("Nested groups three levels deep and a diamond are resolved transitively")
    func nestedGroups() async throws {
        let (snapshot, _) = try await read(try loadConfiguration(try dc()))
        #expect(try snapshot.memberNames(of: "Platform") == ["alice"])
        #expect(try snapshot.memberNames(of: "Engineers") == ["alice", "bob", "heidi", "ivan", "judy"])
        #expect(try snapshot.memberNames(of: "AllStaff") == ["alice", "bob", "carol", "dave", "heidi", "ivan", "judy"])
        #expect(try snapshot.memberNames(of: "Top") == ["alice", "bob", "dave"])
        #expect(try snapshot.memberNames(of: "Left") == ["alice", "dave"])
        #expect(
            try snapshot.groupNames(of: "alice") == [
                "AllStaff", "Bottom", "Engineers", "Left", "Platform", "Right", "Top",
            ]
        )
        #expect(try snapshot.groupNames(of: "frank").isEmpty)
        #expect(try snapshot.group("Empty").members.isEmpty)
        #expect(!snapshot.warnings.contains { $0.text.contains("cycle") })
        // Members outside the users' base (BigGroup's bulk users) are counted, not resolved.
        #expect(try snapshot.group("BigGroup").unresolvedMemberCount == SambaDC.testBulkUsers)
    }

    @Test("A group of 3,100 members is read completely with explicit member;range= requests until the last range")
    func rangedRetrieval() async throws {
        let dc = try await dc()
        let (snapshot, operations) = try await read(try loadConfiguration(dc, usersBase: dc.corpBase))
        let big = try snapshot.group("BigGroup")
        #expect(big.members.count == SambaDC.testBulkUsers)
        #expect(big.unresolvedMemberCount == 0)
        // The group search asked for member;range=0-1499 (Samba answers 1,500 values tagged so), then
        // one base search for the rest, which came back tagged 1500-*: the last range.
        #expect(
            operations.filter { $0.hasPrefix("search group members") } == ["search group members (member;range=1500-*)"]
        )
        let server = try await dc.search(
            base: "CN=BigGroup,\(dc.groupsBase)",
            filter: "(objectClass=*)",
            attributes: ["member"],
            extra: ["-s", "base"]
        )
        let bulkAnchors = Set(snapshot.users.filter { $0.dn.hasSuffix(dc.bulkBase) }.map(\.anchor))
        #expect(values(of: "member", in: server).count == big.members.count)
        #expect(Set(big.members) == bulkAnchors)
        // Small groups come back as member;range=0-* and need no follow-up.
        #expect(try snapshot.memberNames(of: "Platform") == ["alice"])
    }

    @Test(
        "Client-side resolution equals the server's LDAP_MATCHING_RULE_IN_CHAIN answer",
        arguments: ["AllStaff", "Engineers", "Top", "Right", "BigGroup", "Empty"]
    )
    func matchesInChain(group: String) async throws {
        let dc = try await dc()
        let (snapshot, _) = try await read(try loadConfiguration(dc, usersBase: dc.corpBase))
        let groupDN = "CN=\(group),\(dc.groupsBase)"
        let inChain = try await dc.search(
            base: dc.corpBase,
            filter: "(&(objectCategory=person)(objectClass=user)(memberOf:1.2.840.113556.1.4.1941:=\(groupDN)))",
            attributes: ["sAMAccountName"],
            extra: ["-E", "pr=1000/noprompt"]
        )
        #expect(try snapshot.memberNames(of: group) == values(of: "sAMAccountName", in: inChain).sorted())
    }

    @Test(
        "A user's groups equal the server's transitive groups (member IN_CHAIN)",
        arguments: ["alice", "bob", "dave", "carol"]
    )
    func userGroupsMatchInChain(username: String) async throws {
        let dc = try await dc()
        let (snapshot, _) = try await read(try loadConfiguration(dc))
        let user = try snapshot.user(username)
        let inChain = try await dc.search(
            base: dc.corpBase,
            filter: "(&(objectClass=group)(member:1.2.840.113556.1.4.1941:=\(user.dn)))",
            attributes: ["cn"]
        )
        #expect(try snapshot.groupNames(of: username) == values(of: "cn", in: inChain).sorted())
    }
}
