import Logging
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

@testable import LDAPDirectory

@Suite("The reader's connections read through liblber's read-ahead buffer")
struct ReadAheadTests {
    @Test(
        "Over StartTLS and ldaps, the reader's connection has the layer and then reads the whole directory",
        arguments: [Transport.startTLS, .ldaps]
    )
    func connectionReadsAhead(transport: Transport) async throws {
        let configuration = try loadConfiguration(try await server(), transport: transport)
        let reader = DirectoryReader(configuration: configuration, logger: Logger(label: "test"))
        let connection = try reader.connect()
        #expect(connection.readsAhead)
        var users = 0
        try connection.pagedSearchMessages(
            base: configuration.users.base,
            scope: configuration.users.scope,
            filter: "(objectClass=inetOrgPerson)",
            attributes: ["uid"],
            pageSize: 100,
            operation: "search users"
        ) { _ in users += 1 }
        #expect(users == 627)
    }

    @Test("A fresh connection before the bind has no read-ahead layer: the check can tell")
    func freshConnectionHasNone() async throws {
        let configuration = try loadConfiguration(try await server())
        let connection = try LDAPConnection(settings: configuration.connection)
        #expect(!connection.readsAhead)
    }
}
