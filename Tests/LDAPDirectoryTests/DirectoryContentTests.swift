import Foundation
import LDAPDirectory
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

@Suite("What the reader makes of the fixture's entries")
struct DirectoryContentTests {
    @Test("Nested groups are resolved transitively, three levels deep")
    func nestedGroups() async throws {
        let snapshot = try await makeReader(loadConfiguration(server())).read()
        // platform ⊂ engineering ⊂ staff, and staff ⊂ meeting-hosts (groupOfUniqueNames).
        #expect(
            try snapshot.groupNames(of: "erin") == ["engineering", "meeting-hosts", "platform", "staff", "unix-devs"]
        )
        #expect(try snapshot.groupNames(of: "carol") == ["engineering", "meeting-hosts", "staff"])
        #expect(try snapshot.groupNames(of: "alice") == ["dangling", "meeting-hosts", "staff"])
        let staff = try snapshot.group("staff")
        #expect(staff.nestedGroups == ["cn=engineering,ou=groups,dc=example,dc=com"])
        #expect(staff.members.count == 5)  // alice, bob, carol, erin, zoe
    }

    @Test("A group cycle is reported and each group of it has the members of all")
    func cycle() async throws {
        let snapshot = try await makeReader(loadConfiguration(server())).read()
        #expect(try snapshot.groupNames(of: "dave") == ["cycle-a", "cycle-b"])
        #expect(try snapshot.group("cycle-a").members == snapshot.group("cycle-b").members)
        #expect(snapshot.warnings.contains { $0.text.contains("cycle") && $0.text.contains("cycle-a, cycle-b") })
    }

    @Test("posixGroup memberUid values resolve through the username; unknown members are counted")
    func posixAndDangling() async throws {
        let snapshot = try await makeReader(loadConfiguration(server())).read()
        let unix = try snapshot.group("unix-devs")
        let expected = try [snapshot.user("bob").anchor, snapshot.user("erin").anchor].sorted()
        #expect(unix.members == expected)
        #expect(unix.unresolvedMemberCount == 1)  // memberUid: ghost
        let dangling = try snapshot.group("dangling")
        #expect(dangling.members == [try snapshot.user("alice").anchor])
        #expect(dangling.unresolvedMemberCount == 1)
    }

    @Test("The disabled rule is configurable; the preset's default rule does not match employeeType")
    func disabledUsers() async throws {
        let server = try await server()
        let configured = try await makeReader(loadConfiguration(server)).read()
        #expect(try configured.user("dave").isEnabled == false)
        #expect(configured.users.filter { !$0.isEnabled }.count == 1)
        let preset = try await makeReader(loadConfiguration(server, disabledRule: "")).read()
        #expect(try preset.user("dave").isEnabled == true)
    }

    @Test("Users without mail have no email; mixed-case mail is kept as written")
    func email() async throws {
        let snapshot = try await makeReader(loadConfiguration(server())).read()
        #expect(try snapshot.user("carol").email == nil)
        #expect(try snapshot.user("bob").email == "Bob.Builder@Example.com")
    }

    @Test("Unicode values arrive intact")
    func unicode() async throws {
        let snapshot = try await makeReader(loadConfiguration(server())).read()
        let zoe = try snapshot.user("zoe")
        #expect(zoe.value(of: "cn") == "Zoë Ångström-Łukasiewicz")
        #expect(zoe.value(of: "displayName") == "Zoë 张伟")
        #expect(zoe.value(of: "givenName") == "Zoë")
    }

    @Test("Binary attributes are kept as bytes and shown as base64")
    func binary() async throws {
        let snapshot = try await makeReader(loadConfiguration(server())).read()
        let photo = try #require(try snapshot.user("erin").value(of: "jpegPhoto"))
        #expect(photo == "/9j/4AAQSkZJRgAB/9k=")
        let bytes = try #require(Data(base64Encoded: photo))
        #expect(Array(bytes.prefix(4)) == [0xFF, 0xD8, 0xFF, 0xE0])
    }

    @Test("A filter-injection attempt through a config value matches only the literal value")
    func filterInjection() async throws {
        let configuration = try await loadConfiguration(
            server(),
            usersYAML: "    where:\n      departmentNumber: \"Sales)(uid=*\"\n"
        )
        #expect(configuration.users.conditions.count == 1)
        let snapshot = try await makeReader(configuration).read()
        #expect(snapshot.users.map(\.username) == ["mallory"])
    }

    @Test("A where condition narrows the users in scope")
    func whereCondition() async throws {
        let configuration = try await loadConfiguration(
            server(),
            usersYAML: "    where:\n      departmentNumber: Support\n"
        )
        let snapshot = try await makeReader(configuration).read()
        #expect(snapshot.users.contains { $0.username == "dave" })
        #expect(snapshot.users.allSatisfy { $0.value(of: "departmentNumber") == "Support" })
    }
}
