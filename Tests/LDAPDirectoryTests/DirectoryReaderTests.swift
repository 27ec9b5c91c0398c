import Foundation
import LDAPDirectory
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

@Suite("Reading a real slapd")
struct DirectoryReaderTests {
    @Test("StartTLS and ldaps with the right CA read the whole directory", arguments: [Transport.startTLS, .ldaps])
    func readsWithTLS(transport: Transport) async throws {
        let server = try await server()
        let snapshot = try await makeReader(loadConfiguration(server, transport: transport)).read()
        // 620 generated users plus alice, bob, carol, dave, zoe, erin and mallory.
        #expect(snapshot.users.count == 627)
        #expect(snapshot.groups.count == 9)
    }

    @Test("A paged read by a non-root reader returns more entries than the server's size limit of 500")
    func pagedReadPassesSizeLimit() async throws {
        let server = try await server()
        let snapshot = try await makeReader(loadConfiguration(server)).read()
        #expect(snapshot.users.count > 500)
        let big = try snapshot.group("big")
        #expect(big.members.count == 620)
        // The reader identity really is limited for plain searches: slapd.conf says so.
        let config = try String(contentsOf: server.directory.appendingPathComponent("slapd.conf"), encoding: .utf8)
        #expect(config.contains("size.hard=500"))
    }

    @Test("A read cut by a size limit is an error, never a partial snapshot")
    func sizeLimitIsAnError() async throws {
        let server = try await server()
        let configuration = try loadConfiguration(
            server,
            bindDN: server.limitedDN,
            passwordFile: server.limitedPasswordFile
        )
        let error = try await expectLDAPError(configuration)
        #expect(error.code == .sizeLimitExceeded)
        #expect(error.description.contains("size limit"))
    }

    @Test("Anchors are entryUUIDs; uniqueness holds")
    func anchors() async throws {
        let snapshot = try await makeReader(loadConfiguration(server())).read()
        let alice = try snapshot.user("alice")
        #expect(alice.anchor.count == 36)
        #expect(alice.anchor == alice.anchor.lowercased())
        #expect(Set(snapshot.users.map(\.anchor)).count == snapshot.users.count)
        #expect(alice.dn == "uid=alice,ou=people,dc=example,dc=com")
    }
}
