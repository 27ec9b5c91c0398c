import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

@testable import LDAPDirectory

/// A slapd of its own loaded with `Tests/Fixtures/dn-forms.ldif` (member values spelled unlike the users' own
/// DNs), so the shared fixture's counts do not change.
let dnFormsServer = Task {
    try await SlapdServer.start(
        ldif: [SlapdServer.repositoryRoot().appendingPathComponent("Tests/Fixtures/dn-forms.ldif").path]
    )
}

@Suite("Group members spelled unlike the user's DN (slapd)")
struct DNFormsTests {
    func read() async throws -> DirectorySnapshot {
        try await makeReader(try loadConfiguration(try await dnFormsServer.value)).read()
    }

    @Test(
        "A member value loaded with slapadd resolves to the user whose DN the server spells otherwise",
        arguments: [
            ("escaped-comma", "jsmith"),  // cn=Smith\, John  vs  cn=Smith\2C John
            ("hex-escape", "jdoe"),  // cn=\44oe\2c Jane  vs  cn=Doe\2C Jane
            ("spaced", "jsmith"),  // cn = Smith\, John , ou = people , …
            ("type-names", "upper"),  // commonName=UPPER  CASE,OU=People,DC=Example  vs  cn=Upper Case,ou=people
            ("oids", "jdoe"),  // 2.5.4.3=Doe\2C Jane,2.5.4.11=people,0.9.2342.19200300.100.1.25=example
            ("multi-valued", "multi"),  // uid=multi+cn=Multi  vs  cn=Multi+uid=multi
            ("unique", "jdoe"),  // uniqueMember cn=Doe\, Jane,…#'0101'B
        ]
    )
    func slapaddForms(group: String, username: String) async throws {
        let snapshot = try await read()
        let found = try snapshot.group(group)
        #expect(found.members == [try snapshot.user(username).anchor])
        #expect(found.unresolvedMemberCount == 0)
        #expect(try snapshot.groupNames(of: username).contains(group))
    }

    @Test("Members that match no user are one warning with the count and examples")
    func unresolvedWarning() async throws {
        let snapshot = try await read()
        #expect(try snapshot.group("dangling").unresolvedMemberCount == 2)
        let warnings = snapshot.warnings.map(\.text).filter { $0.contains("match no user") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("2 member value(s) in 1 group(s)") == true)
        #expect(warnings.first?.contains("cn=Gone\\, Long,ou=people,dc=example,dc=com") == true)
        #expect(warnings.first?.contains("uid=nobody,ou=people,dc=example,dc=com") == true)
    }

    @Test("Members added online (ldapadd, ldapmodify) resolve in the spelling the server keeps")
    func onlineForms() async throws {
        let server = try await dnFormsServer.value
        try await server.change(
            """
            dn: cn=online,ou=groups,dc=example,dc=com
            objectClass: groupOfNames
            cn: online
            member: CN = smith\\, JOHN , ou=People,dc=example,dc=com

            """,
            tool: "ldapadd"
        )
        try await server.change(
            """
            dn: cn=online,ou=groups,dc=example,dc=com
            changetype: modify
            add: member
            member: UID=Multi+commonName=MULTI,ou=people,dc=example,dc=com
            member: cn=doe\\2c jane,ou=people,dc=example,dc=com

            """
        )
        let snapshot = try await read()
        let online = try snapshot.group("online")
        let expected = try ["jsmith", "multi", "jdoe"].map { try snapshot.user($0).anchor }.sorted()
        #expect(online.members == expected)
        #expect(online.unresolvedMemberCount == 0)
    }
}
