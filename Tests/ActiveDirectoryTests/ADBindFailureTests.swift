import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

@testable import LDAPDirectory

@Suite("Active Directory bind failures in plain language", .sambaDC)
struct ADBindFailureTests {
    /// Every text of the error, none of which may hold a password.
    func expectNoSecret(_ error: LDAPError, _ passwords: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for text in [error.description, error.debugDescription, "\(error)", String(reflecting: error)] {
            for password in passwords {
                #expect(!text.contains(password), sourceLocation: sourceLocation)
            }
        }
    }

    @Test("A wrong password: data 52e, 'the bind DN or password is wrong'")
    func wrongPassword() async throws {
        let dc = try await dc()
        let folder = try TemporaryDirectory(prefix: "ad-wrong")
        defer { folder.remove() }
        let wrong = "Wr0ng-\(UUID().uuidString)"
        let file = folder.url.appendingPathComponent("password").path
        try SecretFiles.save(wrong, to: file)
        let error = try await expectLDAPError(loadConfiguration(dc, bind: (dc.readerDN, file)))
        #expect(error.code == .invalidCredentials)
        #expect(error.description.contains("the bind DN or password is wrong"))
        #expect(error.debugDescription.contains("data 52e"))
        expectNoSecret(error, [wrong, try dc.password(in: dc.readerPasswordFile)])
    }

    @Test("A disabled account with the right password: data 533, 'the bind account is disabled'")
    func disabled() async throws {
        let dc = try await dc()
        let error = try await expectLDAPError(loadConfiguration(dc, bind: (dc.disabledDN, dc.disabledPasswordFile)))
        #expect(error.code == .invalidCredentials)
        #expect(error.description.contains("the bind account is disabled"))
        #expect(error.debugDescription.contains("data 533"))
        expectNoSecret(error, [try dc.password(in: dc.disabledPasswordFile)])
    }

    @Test("An account that must change its password: data 773")
    func mustChange() async throws {
        let dc = try await dc()
        let error = try await expectLDAPError(loadConfiguration(dc, bind: (dc.mustChangeDN, dc.mustChangePasswordFile)))
        #expect(error.code == .invalidCredentials)
        #expect(error.description.contains("the bind account must change its password before it can bind"))
        #expect(error.debugDescription.contains("data 773"))
        expectNoSecret(error, [try dc.password(in: dc.mustChangePasswordFile)])
    }

    @Test("An account locked out after two wrong passwords: data 775, even with the right password")
    func lockedOut() async throws {
        let dc = try await dc()
        let folder = try TemporaryDirectory(prefix: "ad-lock")
        defer { folder.remove() }
        let wrong = "Wr0ng-\(UUID().uuidString)"
        let wrongFile = folder.url.appendingPathComponent("password").path
        try SecretFiles.save(wrong, to: wrongFile)
        for _ in 0..<2 {
            let error = try await expectLDAPError(loadConfiguration(dc, bind: (dc.lockedDN, wrongFile)))
            #expect(error.code == .invalidCredentials)
        }
        let error = try await expectLDAPError(loadConfiguration(dc, bind: (dc.lockedDN, dc.lockedPasswordFile)))
        #expect(error.code == .invalidCredentials)
        #expect(error.description.contains("the bind account is locked out"))
        #expect(error.debugDescription.contains("data 775"))
        expectNoSecret(error, [wrong, try dc.password(in: dc.lockedPasswordFile)])
    }

    @Test("A simple bind without TLS is refused: 'this server requires TLS: use ldaps:// or StartTLS'")
    func plainBindRefused() async throws {
        let dc = try await dc()
        let configuration = try loadConfiguration(dc, tls: "none")
        #expect(configuration.connection.tlsMode == .none)
        #expect(configuration.connection.url == dc.url)
        let error = try await expectLDAPError(configuration)
        #expect(error.code == .confidentialityRequired)
        #expect(error.description.contains("this server requires TLS: use ldaps:// or StartTLS"))
        expectNoSecret(error, [try dc.password(in: dc.readerPasswordFile)])
    }
}
