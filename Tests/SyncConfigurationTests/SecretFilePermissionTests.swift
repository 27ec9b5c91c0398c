import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncConfiguration
import Testing

/// OpenSSH's rule for secret files: a `*_file` secret its group or others can touch is refused, when the
/// configuration loads (naming the key) and again when the secret is read (judged on the open descriptor).
@Suite("Secret files: OpenSSH's rule")
struct SecretFilePermissionTests {
    static let secret = "s3cret-\(UUID().uuidString)"

    /// A configuration whose bind password is `password_file: PATH`.
    static func yaml(passwordFile path: String) -> String {
        minimal.replacingOccurrences(of: "password_env: LDAP_PASSWORD", with: "password_file: \(path)")
    }

    /// Writes the secret at `mode` into `folder`.
    static func secretFile(_ folder: TemporaryDirectory, mode: mode_t, name: String = "password") throws -> String {
        let path = folder.url.appendingPathComponent(name).path
        try SecretFiles.save(secret + "\n", to: path)
        #expect(chmod(path, mode) == 0)
        return path
    }

    @Test(
        "Readable or writable by group or others: refused at load (key, path, chmod 600) and at read",
        arguments: [
            0o644, 0o640, 0o604, 0o660, 0o602, 0o610,
        ] as [mode_t]
    )
    func openModesAreRefused(mode: mode_t) throws {
        let folder = try TemporaryDirectory(prefix: "secret-mode")
        defer { folder.remove() }
        let path = try Self.secretFile(folder, mode: mode)

        let error = try loadError(Self.yaml(passwordFile: path))
        #expect(error.keyPath == "directory.bind.password_file")
        #expect(error.description.contains("run chmod 600 \(path)"), "\(error)")
        #expect(error.description.contains("mode 0\(String(mode, radix: 8))"), "\(error)")
        #expect(!error.description.contains(Self.secret) && !String(reflecting: error).contains(Self.secret))

        // The read itself refuses it too (a file opened up after the configuration was loaded).
        do {
            _ = try SecretReference.file(path).resolve()
            Issue.record("a secret file at mode \(String(mode, radix: 8)) was read")
        } catch {
            #expect(error.code == .fileExposed)
            #expect(error.description.contains("run chmod 600 \(path)"), "\(error)")
            #expect(!error.description.contains(Self.secret))
        }
    }

    @Test("Owner-only files are accepted", arguments: [0o600, 0o400] as [mode_t])
    func ownerOnlyModesAreAccepted(mode: mode_t) throws {
        let folder = try TemporaryDirectory(prefix: "secret-mode")
        defer { folder.remove() }
        let path = try Self.secretFile(folder, mode: mode)
        let configuration = try load(Self.yaml(passwordFile: path))
        #expect(configuration.directory.connection.bindPassword == .file(path))
        #expect(try SecretReference.file(path).resolve().value == Self.secret)
    }

    @Test("A symbolic link is judged by its target: to an owner-only file accepted, to an open one refused")
    func symbolicLinksFollowTheirTarget() throws {
        let folder = try TemporaryDirectory(prefix: "secret-link")
        defer { folder.remove() }
        let link = folder.url.appendingPathComponent("link").path
        let target = try Self.secretFile(folder, mode: 0o600, name: "target")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try SecretReference.file(link).resolve().value == Self.secret)
        _ = try load(Self.yaml(passwordFile: link))

        #expect(chmod(target, 0o644) == 0)
        let error = try loadError(Self.yaml(passwordFile: link))
        #expect(error.description.contains("run chmod 600 \(link)"), "\(error)")
        #expect(throws: SecretError.self) { try SecretReference.file(link).resolve() }
    }

    @Test("Not a regular file (a folder, a FIFO) is refused without blocking")
    func notRegularFilesAreRefused() throws {
        let folder = try TemporaryDirectory(prefix: "secret-kind")
        defer { folder.remove() }
        let fifo = folder.url.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in [folder.path, fifo] {
            do {
                _ = try SecretReference.file(path).resolve()
                Issue.record("\(path) was read as a secret")
            } catch {
                #expect(error.code == .fileExposed, "\(error)")
                #expect(error.description.contains("is not a regular file"), "\(error)")
            }
        }
        #expect(try loadError(Self.yaml(passwordFile: fifo)).description.contains("is not a regular file"))
    }

    @Test("A client secret file of a target is named by its key")
    func targetSecretsAreNamed() throws {
        let folder = try TemporaryDirectory(prefix: "secret-target")
        defer { folder.remove() }
        let path = try Self.secretFile(folder, mode: 0o644, name: "zoom-secret")
        let yaml =
            minimal + """

                targets:
                  - name: zoom
                    provider: zoom
                    credentials:
                      account_id: acct
                      client_id: id
                      client_secret_file: \(path)
                """
        let error = try loadError(yaml)
        #expect(error.keyPath?.hasSuffix("client_secret_file") == true, "\(error)")
        #expect(error.description.contains("run chmod 600 \(path)"), "\(error)")
    }

    @Test("systemd credentials keep systemd's rules: a credential file is not judged by OpenSSH's")
    func credentialsAreNotJudged() throws {
        let folder = try TemporaryDirectory(prefix: "secret-credential")
        defer { folder.remove() }
        _ = try Self.secretFile(folder, mode: 0o440, name: "plan-key")
        let read = try SecretReference.credential("plan-key").resolve(environment: [
            "CREDENTIALS_DIRECTORY": folder.path
        ])
        #expect(read.value == Self.secret)
    }
}
