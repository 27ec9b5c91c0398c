import AccountMapping
import OrganizerSyncCore
import Testing

@Suite("Finding a user and a group by a DN spelled another way")
struct DNLookupTests {
    static let smith = DirectoryUser(
        anchor: "anchor-smith",
        dn: "cn=Smith\\2C John,ou=people,dc=example,dc=com",
        username: "jsmith",
        email: nil,
        isEnabled: true,
        attributes: [:],
        groups: ["cn=Sales\\2C EMEA,ou=groups,dc=example,dc=com"]
    )

    @Test(
        "explain finds the user by any spelling of its DN",
        arguments: [
            "cn=Smith\\, John,ou=people,dc=example,dc=com", "CN = smith\\2c john , OU=People,DC=Example,DC=Com",
            "2.5.4.3=Smith\\, John,ou=people,dc=example,dc=com",
        ]
    )
    func explainLookup(_ text: String) {
        let snapshot = DirectorySnapshot(users: [Self.smith], groups: [], warnings: [])
        #expect(snapshot.users(matching: text).map(\.anchor) == ["anchor-smith"])
    }

    @Test("A group named by DN in a mapping matches whatever escape form the directory uses")
    func groupReference() {
        let group = DirectoryGroup(
            dn: "cn=Sales\\2C EMEA,ou=groups,dc=example,dc=com",
            name: "Sales, EMEA",
            anchor: nil,
            nestedGroups: [],
            members: ["anchor-smith"],
            unresolvedMemberCount: 0
        )
        let index = DirectoryIndex(groups: [group])
        #expect(index.contains(GroupReference("cn=Sales\\, EMEA,ou=groups,dc=example,dc=com")))
    }
}
