import Foundation
import LDAPDirectory
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

/// A server that accepts the connection and then stalls the TLS handshake: libldap (Debian's 2.5) bounds neither
/// the handshake nor, for ldaps://, the bind that performs it; the reader must still give up in time.
@Suite(.timeLimit(.minutes(2))) struct StalledHandshakeTests {
    @Test(
        "A TLS handshake the server never answers ends in a timeout, and nothing but TLS reaches it",
        arguments: [Transport.ldaps, .startTLS]
    )
    func stalledHandshake(transport: Transport) async throws {
        let slapd = try await server()
        let silent = try SilentLDAPServer(answeringStartTLS: transport == .startTLS)
        defer { silent.stop() }
        var configuration = try loadConfiguration(slapd, transport: transport)
        configuration.connection.url = (transport == .ldaps ? "ldaps" : "ldap") + "://127.0.0.1:\(silent.port)"
        configuration.connection.connectTimeoutSeconds = 1
        configuration.connection.operationTimeoutSeconds = 1
        let started = ContinuousClock.now
        let error = try await expectLDAPError(configuration)
        #expect(error.code == .timeout, "\(error)")
        #expect(error.operation == (transport == .ldaps ? "bind" : "starttls"), "\(error)")
        #expect(error.description.contains("did not complete the TLS handshake"), "\(error)")
        // The deadline is 1 + 2 × 1 s; without it the read never returns (the suite's time limit would end it).
        #expect(ContinuousClock.now - started < .seconds(60))
        // The client got as far as its TLS hello and sent nothing in clear: no bind DN, no password.
        let bytes = silent.bytes
        let hello = transport == .ldaps ? bytes : Array(bytes.drop { $0 != 0x16 })
        #expect(hello.first == 0x16, "a TLS handshake record: \(bytes.prefix(8))")
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains(slapd.readerPassword))
        #expect(!text.contains(slapd.readerDN))
    }
}
