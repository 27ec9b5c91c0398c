import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

@testable import LDAPDirectory

#if canImport(Glibc)
import Glibc
#endif

@Suite("Connection and read failures")
struct DirectoryFailureTests {
    @Test(
        "A wrong CA is refused and the message says the certificate is not trusted",
        arguments: [Transport.startTLS, .ldaps]
    )
    func wrongCA(transport: Transport) async throws {
        let server = try await server()
        let error = try await expectLDAPError(
            loadConfiguration(server, transport: transport, caFile: server.wrongCAFile)
        )
        #expect(error.code == .tlsCertificateUntrusted)
        #expect(error.description.contains("not trusted"))
        #expect(error.description.contains(server.wrongCAFile))
        // Over ldaps libldap reports the failed handshake from the bind call: the message names the TLS step,
        // the server and what to set, never "LDAP bind failed".
        let url = transport == .ldaps ? server.ldapsURL : server.url
        #expect(error.description.hasPrefix("LDAP TLS certificate check with \(url) failed:"), "\(error)")
        #expect(error.description.contains("directory.tls.ca_file"), "\(error)")
        try expectNoSecret(error, server)
    }

    @Test(
        "A host name the certificate does not hold is refused and the message says so",
        arguments: [Transport.mismatchStartTLS, .mismatchLDAPS]
    )
    func hostnameMismatch(transport: Transport) async throws {
        let server = try await server()
        let error = try await expectLDAPError(loadConfiguration(server, transport: transport))
        #expect(error.code == .tlsHostnameMismatch)
        #expect(error.description.contains("does not name the host"))
        try expectNoSecret(error, server)
    }

    @Test("A wrong password is refused with a clear error")
    func wrongPassword() async throws {
        let server = try await server()
        let folder = try TemporaryDirectory(prefix: "wrong-password")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("password").path
        let wrong = "Wr0ng-\(UUID().uuidString)"
        try SecretFiles.save(wrong, to: file)
        let error = try await expectLDAPError(loadConfiguration(server, passwordFile: file))
        #expect(error.code == .invalidCredentials)
        #expect(error.description.contains("password is wrong"))
        for text in [error.description, error.debugDescription, "\(error)"] {
            #expect(!text.contains(wrong))
            #expect(!text.contains(server.readerPassword))
        }
    }

    @Test(
        "An unreachable server is a connect failure naming the URL, over StartTLS and ldaps",
        arguments: [
            Transport.startTLS, .ldaps,
        ]
    )
    func unreachable(transport: Transport) async throws {
        let server = try await server()
        var configuration = try loadConfiguration(server, transport: transport)
        let url = (transport == .ldaps ? "ldaps" : "ldap") + "://127.0.0.1:\(try freePort())"
        configuration.connection.url = url
        let error = try await expectLDAPError(configuration)
        #expect(error.code == .connectFailed)
        #expect(error.description.contains("cannot reach"))
        // Not "LDAP starttls failed" nor "LDAP bind failed": the connection was refused before either.
        #expect(error.description.hasPrefix("LDAP connect with \(url) failed:"), "\(error)")
        #expect(error.description.contains("check directory.url"), "\(error)")
        try expectNoSecret(error, server)
    }

    @Test("A server that stops answering hits the operation timeout")
    func timeout() async throws {
        let server = try await SlapdServer.start()
        defer { server.stop() }
        var configuration = try loadConfiguration(server)
        configuration.connection.connectTimeoutSeconds = 1
        configuration.connection.operationTimeoutSeconds = 1
        Glibc.kill(server.pid, SIGSTOP)
        defer { Glibc.kill(server.pid, SIGCONT) }
        let started = ContinuousClock.now
        let error = try await expectLDAPError(configuration)
        #expect(error.code == .timeout || error.code == .connectFailed)
        // A stopped server never answers: without the timeouts the read would wait forever. Each step (connect,
        // StartTLS, bind, search; users and groups) is bounded by one second, a few seconds in all on a quiet
        // machine; the bound leaves room for a loaded one and still fails on a hang.
        #expect(ContinuousClock.now - started < .seconds(90))
        try expectNoSecret(error, server)
    }

    @Test("A server killed in the middle of a paged read gives an error and no snapshot")
    func killedMidRead() async throws {
        let server = try await SlapdServer.start()
        defer { server.stop() }
        var reader = makeReader(try loadConfiguration(server))
        reader.pageObserver = { operation, page in
            if operation == "search users" && page == 2 { server.kill() }
        }
        do {
            let snapshot = try await reader.read()
            Issue.record("expected an error, got \(snapshot.users.count) users")
        } catch let error as LDAPError {
            #expect(error.code == .serverDown)
            #expect(error.description.contains("nothing was read"))
            try expectNoSecret(error, server)
        }
    }

    @Test("A malformed filter is reported as such")
    func badFilter() async throws {
        var configuration = try await loadConfiguration(server())
        configuration.users.filter = "(objectClass=inetOrgPerson)(uid=*)"
        let error = try await expectLDAPError(configuration)
        #expect(error.code == .badFilter)
    }

    private func expectNoSecret(_ error: LDAPError, _ server: SlapdServer) throws {
        for text in [error.description, error.debugDescription, "\(error)", String(reflecting: error)] {
            #expect(!text.contains(server.readerPassword), "the bind password leaked into an error message")
        }
        #expect(!error.description.contains(server.readerDN), "a DN leaked into the error description")
    }

    private func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(socket, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
