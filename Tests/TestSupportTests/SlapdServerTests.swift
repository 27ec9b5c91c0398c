import Foundation
import OrganizerSyncTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ldapsearch as a given identity against `server`, verifying the server certificate with
/// `caFile`. (LDAPNOINIT=1 would also switch off LDAPTLS_CACERT, so it is not used here.)
private func ldapsearch(
    _ server: SlapdServer,
    url: String? = nil,
    caFile: String? = nil,
    bindDN: String? = nil,
    passwordFile: String? = nil,
    startTLS: Bool = true,
    extra: [String] = [],
    filter: String = "(objectClass=*)",
    attributes: [String] = ["dn"]
) async throws -> (status: Int32, stdout: String, stderr: String) {
    var arguments = ["-x", "-LLL", "-o", "nettimeout=5", "-H", url ?? server.url, "-b", server.base]
    if startTLS { arguments.append("-ZZ") }
    if let bindDN { arguments += ["-D", bindDN, "-y", passwordFile ?? server.readerPasswordFile] }
    arguments += extra
    arguments.append(filter)
    arguments += attributes
    return try await runProcess(
        "ldapsearch",
        arguments,
        environment: ["LDAPTLS_CACERT": caFile ?? server.caFile, "LDAPTLS_REQCERT": "demand"],
        timeout: 60
    )
}

private func entryCount(_ ldif: String) -> Int {
    ldif.split(separator: "\n").filter { $0.hasPrefix("dn: ") || $0.hasPrefix("dn:: ") }.count
}

@Suite("Throw-away slapd")
struct SlapdServerTests {
    @Test("paged read as the reader walks past the 500-entry size limit")
    func pagedReadAsReader() async throws {
        let server = try await SlapdServer.start()
        defer { server.stop() }

        let paged = try await ldapsearch(
            server,
            bindDN: server.readerDN,
            extra: ["-E", "pr=100/noprompt"],
            filter: "(objectClass=inetOrgPerson)"
        )
        #expect(paged.status == 0, "\(paged.stderr)")
        #expect(entryCount(paged.stdout) == 627)  // user0001...user0620 + 7 special users

        let unpaged = try await ldapsearch(server, bindDN: server.readerDN, filter: "(objectClass=inetOrgPerson)")
        #expect(unpaged.status == 4, "\(unpaged.stderr)")
        #expect(entryCount(unpaged.stdout) == 500)
    }

    @Test("paged read as cn=limited stops with sizeLimitExceeded")
    func pagedReadAsLimited() async throws {
        let server = try await SlapdServer.start()
        defer { server.stop() }

        let result = try await ldapsearch(
            server,
            bindDN: server.limitedDN,
            passwordFile: server.limitedPasswordFile,
            extra: ["-E", "pr=100/noprompt"],
            filter: "(objectClass=inetOrgPerson)"
        )
        #expect(result.status == 4)
        #expect(result.stderr.contains("Size limit exceeded"), "\(result.stderr)")
        #expect(entryCount(result.stdout) < 500)
    }

    @Test("the fixture's special entries arrive as written")
    func fixtureEntries() async throws {
        let server = try await SlapdServer.start()
        defer { server.stop() }

        let zoe = try await ldapsearch(
            server,
            bindDN: server.readerDN,
            filter: "(uid=zoe)",
            attributes: ["cn", "displayName", "entryUUID"]
        )
        #expect(zoe.status == 0)
        // Non-ASCII values come back base64-encoded.
        #expect(zoe.stdout.contains("cn:: " + Data("Zoë Ångström-Łukasiewicz".utf8).base64EncodedString()))
        #expect(zoe.stdout.contains("displayName:: " + Data("Zoë 张伟".utf8).base64EncodedString()))
        #expect(zoe.stdout.contains("entryUUID: "))

        // The value with filter metacharacters matches only when escaped (RFC 4515).
        let mallory = try await ldapsearch(
            server,
            bindDN: server.readerDN,
            filter: "(departmentNumber=Sales\\29\\28uid=\\2a)",
            attributes: ["uid"]
        )
        #expect(mallory.status == 0)
        #expect(mallory.stdout.contains("uid: mallory"))
        #expect(entryCount(mallory.stdout) == 1)

        let disabled = try await ldapsearch(
            server,
            bindDN: server.readerDN,
            filter: "(employeeType=disabled)",
            attributes: ["uid"]
        )
        #expect(disabled.stdout.contains("uid: dave"))
        #expect(entryCount(disabled.stdout) == 1)

        let groups = try await ldapsearch(
            server,
            bindDN: server.readerDN,
            filter: "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))",
            attributes: ["cn"]
        )
        #expect(groups.status == 0)
        #expect(entryCount(groups.stdout) == 9)
    }

    @Test("TLS: ldaps verifies; a wrong name or a wrong CA fails")
    func tls() async throws {
        let server = try await SlapdServer.start(ldif: [])
        defer { server.stop() }

        let good = try await ldapsearch(
            server,
            url: server.ldapsURL,
            bindDN: server.readerDN,
            startTLS: false,
            extra: ["-s", "base"]
        )
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("dn: dc=example,dc=com"))

        let mismatch = try await ldapsearch(
            server,
            url: server.mismatchURL,
            bindDN: server.readerDN,
            startTLS: false,
            extra: ["-s", "base"]
        )
        #expect(mismatch.status != 0)

        let mismatchStartTLS = try await ldapsearch(
            server,
            url: server.mismatchStartTLSURL,
            bindDN: server.readerDN,
            extra: ["-s", "base"]
        )
        #expect(mismatchStartTLS.status != 0)

        let wrongCA = try await ldapsearch(
            server,
            url: server.ldapsURL,
            caFile: server.wrongCAFile,
            bindDN: server.readerDN,
            startTLS: false,
            extra: ["-s", "base"]
        )
        #expect(wrongCA.status != 0)
    }

    @Test("anonymous sees nothing, a wrong password is refused, userPassword is not readable")
    func accessControl() async throws {
        let server = try await SlapdServer.start(ldif: [])
        defer { server.stop() }

        let anonymous = try await ldapsearch(server)
        #expect(anonymous.status == 32)  // noSuchObject: the suffix is invisible
        #expect(entryCount(anonymous.stdout) == 0)

        let wrongPassword = try TemporaryDirectory(prefix: "wrong-password")
        defer { wrongPassword.remove() }
        let file = wrongPassword.url.appendingPathComponent("password")
        try SecretFiles.save("not-the-password", to: file.path)
        let refused = try await ldapsearch(server, bindDN: server.readerDN, passwordFile: file.path)
        #expect(refused.status == 49)

        let reader = try await ldapsearch(
            server,
            bindDN: server.readerDN,
            filter: "(cn=reader)",
            attributes: ["userPassword", "cn"]
        )
        #expect(reader.status == 0)
        #expect(reader.stdout.contains("cn: reader"))
        #expect(!reader.stdout.contains("userPassword"))
        #expect(!server.readerPassword.isEmpty && !server.readerPassword.hasSuffix("\n"))
    }

    @Test("stop ends slapd and closes both ports; it is idempotent")
    func stopClosesPorts() async throws {
        let server = try await SlapdServer.start(ldif: [])
        #expect(canConnect(host: "127.0.0.1", port: server.port))
        #expect(canConnect(host: "127.0.0.1", port: server.ldapsPort))
        let pidFile = server.directory.appendingPathComponent("slapd.pid")
        #expect(
            try String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                == String(server.pid)
        )

        // slapd must honour TERM (stop.sh falls back to KILL after 5 s and says so).
        let stopScript = SlapdServer.repositoryRoot().appendingPathComponent("Scripts/slapd/stop.sh").path
        let stopped = try await runProcess("bash", [stopScript, server.directory.path], timeout: 30)
        #expect(stopped.status == 0)
        #expect(!stopped.stderr.contains("ignored TERM"), "\(stopped.stderr)")
        #expect(!FileManager.default.fileExists(atPath: pidFile.path))
        #expect(server.logTail().contains("slapd stopped"), "\(server.logTail())")

        server.stop()
        #expect(!canConnect(host: "127.0.0.1", port: server.port))
        #expect(!canConnect(host: "127.0.0.1", port: server.ldapsPort))
        #expect(!FileManager.default.fileExists(atPath: server.directory.path))
        server.stop()
    }

    @Test("kill ends slapd at once; stop afterwards still cleans up")
    func killAtOnce() async throws {
        let server = try await SlapdServer.start(ldif: [])
        #expect(canConnect(host: "127.0.0.1", port: server.port))
        server.kill()
        var closed = false
        for _ in 0..<100 where !closed {
            closed = !canConnect(host: "127.0.0.1", port: server.port)
            if !closed { usleep(20_000) }
        }
        #expect(closed)
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: server.directory.path))
    }

    @Test("the env file is parsed like a shell would")
    func environmentFile() async throws {
        let server = try await SlapdServer.start(ldif: [])
        defer { server.stop() }
        #expect(server.environment["LDAP_URL"] == server.url)
        #expect(server.url == "ldap://127.0.0.1:\(server.port)")
        #expect(server.ldapsURL == "ldaps://127.0.0.1:\(server.ldapsPort)")
        #expect(server.mismatchURL == "ldaps://127.0.0.2:\(server.ldapsPort)")
        #expect(server.base == "dc=example,dc=com")
        #expect(server.readerDN == "cn=reader,dc=example,dc=com")
        #expect(server.limitedDN == "cn=limited,dc=example,dc=com")
        #expect(server.environment["SLAPD_DIR"] == server.directory.path)

        let shell = try await runProcess(
            "bash",
            [
                "-c", "set -eu; . \"$1\"; printf '%s|%s' \"$LDAP_URL\" \"$LDAP_READER_PASSWORD_FILE\"", "-",
                server.directory.appendingPathComponent("env").path,
            ]
        )
        #expect(shell.stdout == "\(server.url)|\(server.readerPasswordFile)")
    }
}

@Suite("runProcess")
struct ProcessRunnerTests {
    @Test("large output on both streams does not deadlock; stdin and environment reach the child")
    func bothStreams() async throws {
        let script =
            "head -c 300000 /dev/zero | tr '\\0' o; head -c 300000 /dev/zero | tr '\\0' e >&2; cat; printf %s \"$RUN_PROCESS_TEST\"; exit 3"
        let result = try await runProcess(
            "bash",
            ["-c", script],
            environment: ["RUN_PROCESS_TEST": "vär"],
            stdin: Data("input|".utf8)
        )
        #expect(result.status == 3)
        #expect(result.stdout.count == 300_000 + "input|vär".count)
        #expect(result.stdout.hasSuffix("input|vär"))
        #expect(result.stderr.count == 300_000)
    }

    @Test("a missing executable and a timeout throw")
    func failures() async throws {
        await #expect(throws: ProcessRunnerError.self) {
            _ = try await runProcess("organizer-sync-no-such-tool", [])
        }
        await #expect(throws: ProcessRunnerError.self) {
            _ = try await runProcess("sleep", ["30"], timeout: 0.5)
        }
    }

    @Test("the child holds no descriptor of ours but 0, 1 and 2, close-on-exec or not")
    func onlyStandardDescriptors() async throws {
        let fd = open("/dev/null", O_RDONLY)  // deliberately without O_CLOEXEC
        #expect(fd > 2)
        defer { close(fd) }
        // `; true` keeps bash from exec-ing ls in its own place: ls then lists bash's descriptors, not its own.
        let result = try await runProcess("bash", ["-c", "ls /proc/$$/fd; true"], timeout: 30)
        #expect(result.status == 0)
        let descriptors = Set(result.stdout.split(separator: "\n").map(String.init))
        #expect(descriptors == ["0", "1", "2"], "\(descriptors.sorted())")
    }
}
