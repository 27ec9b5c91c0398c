import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

@testable import LDAPDirectory

@Suite("Reader parts without a server")
struct PureReaderPartsTests {
    @Test(
        "Filter values are escaped (RFC 4515)",
        arguments: [
            ("Sales)(uid=*", "Sales\\29\\28uid=\\2a"),
            ("a\\b", "a\\5cb"),
            ("*", "\\2a"),
            ("plain Zoë", "plain Zoë"),
            ("nul\0", "nul\\00"),
        ]
    )
    func escape(input: String, expected: String) {
        #expect(LDAPFilter.escape(input) == expected)
    }

    @Test("Conditions are ANDed to the admin's filter")
    func filterBuilding() {
        let query = SearchQuery(
            base: "dc=x",
            filter: "objectClass=person",
            conditions: [.init(attribute: "departmentNumber", value: "A(B)")]
        )
        #expect(LDAPFilter.filter(for: query) == "(&(objectClass=person)(departmentNumber=A\\28B\\29))")
        #expect(LDAPFilter.filter(for: SearchQuery(base: "dc=x", filter: " (cn=*) ")) == "(cn=*)")
    }

    @Test("objectGUID bytes become the canonical GUID string")
    func guid() {
        let bytes: [UInt8] = [
            0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF,
        ]
        #expect(GUIDFormatter.string(from: bytes) == "00112233-4455-6677-8899-aabbccddeeff")
        #expect(GUIDFormatter.string(from: [1, 2, 3]) == nil)
    }

    @Test("Ranged attribute descriptions are parsed, and the next request follows the last index")
    func ranges() throws {
        let first = try #require(RangedAttribute(description: "member;range=0-1499"))
        #expect(first.name == "member")
        #expect(first.nextRequest == "member;range=1500-*")
        let last = try #require(RangedAttribute(description: "Member;Range=1500-*"))
        #expect(last.isFinal)
        #expect(last.nextRequest == nil)
        #expect(RangedAttribute(description: "member") == nil)
        #expect(RangedAttribute(description: "member;range=9-3") == nil)
    }

    @Test("A group entry with a truncated member range asks for the rest")
    func collectorFindsPendingRanges() {
        let schema = DirectorySchema.activeDirectoryTest()
        let entry = LDAPEntry(
            dn: "CN=Big,DC=x",
            attributes: ["member;range=0-1": ["CN=a,DC=x", "CN=b,DC=x"], "cn": ["Big"]]
        )
        let collected = GroupEntryCollector(schema: schema).collect(entry)
        #expect(collected.group.memberDNs == ["CN=a,DC=x", "CN=b,DC=x"])
        #expect(collected.pendingRanges == ["member;range=2-*"])
        #expect(collected.group.name == "Big")
    }

    @Test("Group resolution: diamond, cycle, memberUid and unknown members")
    func resolution() {
        let users = ["u1", "u2", "u3"].map {
            DirectoryUser(anchor: $0, dn: "uid=\($0),ou=p", username: $0, email: nil, isEnabled: true, attributes: [:])
        }
        let groups = [
            RawGroup(
                dn: "cn=top,ou=g",
                name: "top",
                anchor: nil,
                memberDNs: ["cn=left,ou=g", "cn=right,ou=g"],
                memberUids: []
            ),
            RawGroup(dn: "cn=left,ou=g", name: "left", anchor: nil, memberDNs: ["cn=bottom,ou=g"], memberUids: []),
            RawGroup(
                dn: "cn=right,ou=g",
                name: "right",
                anchor: nil,
                memberDNs: ["cn=bottom,ou=g", "UID=U1,OU=P"],
                memberUids: []
            ),
            RawGroup(dn: "cn=bottom,ou=g", name: "bottom", anchor: nil, memberDNs: [], memberUids: ["u2", "nobody"]),
            RawGroup(dn: "cn=x,ou=g", name: "x", anchor: nil, memberDNs: ["cn=y,ou=g"], memberUids: ["u3"]),
            RawGroup(dn: "cn=y,ou=g", name: "y", anchor: nil, memberDNs: ["cn=x,ou=g"], memberUids: []),
        ]
        var resolvedUsers = users
        let resolved = GroupResolver().resolve(users: &resolvedUsers, groups: groups)
        let byName = Dictionary(uniqueKeysWithValues: resolved.groups.map { ($0.name, $0) })
        #expect(byName["top"]?.members == ["u1", "u2"])
        #expect(byName["bottom"]?.unresolvedMemberCount == 1)
        #expect(byName["y"]?.members == ["u3"])
        #expect(
            resolved.warnings.map(\.text) == [
                "groups nest in a cycle (x, y); each has the members of all of them",
                "1 member value(s) in 1 group(s) match no user read and no group read (outside the users' base or "
                    + "filter, or dangling): memberUid: nobody",
            ]
        )
        #expect(
            resolved.warnings == [
                .groupCycle(groups: ["x", "y"]),
                .unresolvedMembers(count: 1, groups: 1, examples: ["memberUid: nobody"]),
            ]
        )
        let u2 = resolvedUsers.first { $0.anchor == "u2" }
        #expect(u2?.groups == ["cn=bottom,ou=g", "cn=left,ou=g", "cn=right,ou=g", "cn=top,ou=g"])
    }

    @Test(
        "Active Directory bind data codes are explained",
        arguments: [
            (
                "80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563",
                "password is wrong"
            ),
            ("... data 533, v4563", "disabled"),
            ("... data 773, v4563", "must change its password"),
            ("... data 775, v4563", "locked out"),
        ]
    )
    func adCodes(diagnostic: String, expected: String) {
        #expect(ActiveDirectoryBindCode.explain(diagnostic).contains(expected))
    }

    @Test("Disabled rules")
    func disabledRules() {
        #expect(DisabledRule.bitmask(attribute: "userAccountControl", mask: 2).matches(["514"]))
        #expect(!DisabledRule.bitmask(attribute: "userAccountControl", mask: 2).matches(["512"]))
        #expect(DisabledRule.present(attribute: "pwdAccountLockedTime").matches(["000001010000Z"]))
        #expect(!DisabledRule.present(attribute: "pwdAccountLockedTime").matches([]))
        #expect(DisabledRule.equals(attribute: "employeeType", values: ["Disabled"]).matches(["disabled"]))
    }

    @Test("Users are put in sorted order in place: every permutation of four, and a long one of many cycles")
    func permuteInPlace() {
        func check(_ order: [Int]) {
            var elements = order.indices.map { "user \($0)" }
            let expected = order.map { elements[$0] }
            GroupResolver.permute(&elements, to: order)
            #expect(elements == expected, "order \(order)")
        }
        func permutations(_ items: [Int]) -> [[Int]] {
            guard items.count > 1 else { return [items] }
            return items.indices.flatMap { index in
                var rest = items
                let first = rest.remove(at: index)
                return permutations(rest).map { [first] + $0 }
            }
        }
        for order in permutations([0, 1, 2, 3]) { check(order) }
        var generator = SystemRandomNumberGenerator()
        check(Array(0..<1000).shuffled(using: &generator))
    }
}
