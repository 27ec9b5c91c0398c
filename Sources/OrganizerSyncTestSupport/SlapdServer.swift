public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A throw-away OpenLDAP server on loopback, started by `Scripts/slapd/start.sh`.
///
/// - `ldap://127.0.0.1:PORT` (StartTLS available) and `ldaps://127.0.0.1:PORT2`, with a fresh CA
///   (`caFile`); `mismatchURL` reaches the same server as `ldaps://127.0.0.2:PORT2`, which is not in
///   the certificate, and `wrongCAFile` is an unrelated CA: both must make a verifying client fail.
/// - `readerDN` may read everything; ordinary searches stop at 500 entries, paged searches do not.
///   `limitedDN` is cut after 120 entries even when paging (sizeLimitExceeded, code 4).
///   `adminDN` is the rootdn (no limits, may write), for tests that change data while running.
/// - The data: suffix `dc=example,dc=com` with `ou=people` and `ou=groups`, plus the LDIF files
///   given to `start`.
///
/// `stop()` ends the server and deletes `directory`; deinit does the same, so a server that a
/// test drops is not left running. `kill()` sends SIGKILL at once (tests of a server dying
/// mid-read) and leaves the directory for a later `stop()`.
public final class SlapdServer: Sendable {
    /// `ldap://127.0.0.1:PORT`: StartTLS is used on it.
    public let url: String
    /// `ldaps://127.0.0.1:PORT2`: TLS from the first byte.
    public let ldapsURL: String
    /// `ldaps://127.0.0.2:PORT2`: the right server and CA, but a name the certificate does not hold.
    public let mismatchURL: String
    /// `ldap://127.0.0.2:PORT`: the same mismatch for StartTLS.
    public let mismatchStartTLSURL: String
    public let port: Int
    public let ldapsPort: Int
    /// PEM file of the CA that signed the server certificate.
    public let caFile: String
    /// PEM file of an unrelated CA.
    public let wrongCAFile: String
    /// The fixture's base DN, `dc=example,dc=com`.
    public let base: String
    public let readerDN: String
    public let readerPasswordFile: String
    public let readerPassword: String
    public let limitedDN: String
    public let limitedPasswordFile: String
    public let limitedPassword: String
    public let adminDN: String
    public let adminPasswordFile: String
    public let adminPassword: String
    public let pid: Int32
    /// The server's private directory: certificates, slapd.conf, database, slapd.log, env.
    public let directory: URL
    /// slapd's `-d stats` log (binds, searches, results).
    public let logFile: String
    /// The variables of `directory/env` (LDAP_URL, LDAP_CA_FILE, ...), for example to pass to a child process.
    public let environment: [String: String]

    /// `Tests/Fixtures/directory.ldif` (see `Scripts/fixtures/make-test-directory.py`).
    public static var defaultFixture: String {
        repositoryRoot().appendingPathComponent("Tests/Fixtures/directory.ldif").path
    }

    /// The checkout this file belongs to (three levels above `Sources/OrganizerSyncTestSupport/`).
    public static func repositoryRoot() -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // OrganizerSyncTestSupport
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()
    }

    /// The tools `Scripts/slapd/start.sh` needs, and the Debian package of each.
    static let requiredTools: [(tool: String, package: String)] = [
        ("slapd", "slapd"),
        ("slapadd", "slapd"),
        ("slappasswd", "slapd"),
        ("ldapsearch", "ldap-utils"),
        ("openssl", "openssl"),
        ("python3", "python3"),
        ("bash", "bash"),
    ]

    /// Starts a server loaded with `ldif` (paths of LDIF files with entries below ou=people and
    /// ou=groups).
    ///
    /// Takes about a second. Throws when a tool is missing (the message names the
    /// Debian packages) or the server does not come up (the message holds the script's output).
    public static func start(ldif: [String] = [SlapdServer.defaultFixture]) async throws -> SlapdServer {
        let missing = requiredTools.filter { resolveExecutable($0.tool) == nil }
        if !missing.isEmpty {
            let tools = missing.map(\.tool).joined(separator: ", ")
            var packages: [String] = []
            for entry in missing where !packages.contains(entry.package) {
                packages.append(entry.package)
            }
            throw SlapdServerError(
                "cannot start a test slapd: \(tools) not found. Install with: apt-get install \(packages.joined(separator: " ")) "
                    + "(all of: apt-get install slapd ldap-utils openssl)"
            )
        }
        let root = repositoryRoot()
        let script = root.appendingPathComponent("Scripts/slapd/start.sh").path
        let directory = try TemporaryDirectory(prefix: "slapd")
        var arguments = [script, "--dir", directory.path]
        for file in ldif {
            arguments += ["--ldif", file]
        }
        /// Stops whatever start.sh left running and removes its folder.
        func discard() async {
            _ = try? await runProcess(
                "bash",
                [root.appendingPathComponent("Scripts/slapd/stop.sh").path, directory.path],
                timeout: 30
            )
            directory.remove()
        }
        let result: (status: Int32, stdout: String, stderr: String)
        do {
            result = try await runProcess("bash", arguments, timeout: 120)
        } catch {
            await discard()
            throw SlapdServerError("Scripts/slapd/start.sh failed: \(error)")
        }
        guard result.status == 0 else {
            directory.remove()
            throw SlapdServerError(
                "Scripts/slapd/start.sh exited with \(result.status):\n\(result.stderr)\(result.stdout)"
            )
        }
        do {
            let envText = try String(contentsOf: directory.url.appendingPathComponent("env"), encoding: .utf8)
            let server = try SlapdServer(directory: directory.url, environment: parseShellAssignments(envText))
            ServerRegistry.slapd.register(pid: server.pid, directory: server.directory)
            return server
        } catch {
            await discard()
            throw error
        }
    }

    private init(directory: URL, environment: [String: String]) throws {
        func value(_ key: String) throws -> String {
            guard let value = environment[key], !value.isEmpty else {
                throw SlapdServerError("\(directory.path)/env has no \(key)")
            }
            return value
        }
        func number(_ key: String) throws -> Int {
            guard let number = Int(try value(key)) else {
                throw SlapdServerError("\(directory.path)/env: \(key) is not a number")
            }
            return number
        }
        func secret(_ path: String) throws -> String {
            try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
        }
        self.directory = directory
        self.environment = environment
        url = try value("LDAP_URL")
        ldapsURL = try value("LDAPS_URL")
        mismatchURL = try value("LDAP_MISMATCH_URL")
        mismatchStartTLSURL = try value("LDAP_MISMATCH_STARTTLS_URL")
        port = try number("LDAP_PORT")
        ldapsPort = try number("LDAPS_PORT")
        caFile = try value("LDAP_CA_FILE")
        wrongCAFile = try value("LDAP_WRONG_CA_FILE")
        base = try value("LDAP_BASE")
        readerDN = try value("LDAP_READER_DN")
        readerPasswordFile = try value("LDAP_READER_PASSWORD_FILE")
        limitedDN = try value("LDAP_LIMITED_DN")
        limitedPasswordFile = try value("LDAP_LIMITED_PASSWORD_FILE")
        adminDN = try value("LDAP_ADMIN_DN")
        adminPasswordFile = try value("LDAP_ADMIN_PASSWORD_FILE")
        pid = Int32(try number("SLAPD_PID"))
        logFile = try value("SLAPD_LOG")
        readerPassword = try secret(readerPasswordFile)
        limitedPassword = try secret(limitedPasswordFile)
        adminPassword = try secret(adminPasswordFile)
    }

    deinit {
        stop()
    }

    /// Stops the server (TERM, then KILL after 5 s) and deletes `directory`.
    ///
    /// Idempotent.
    public func stop() {
        ServerRegistry.slapd.unregister(pid: pid)
        if FileManager.default.fileExists(atPath: directory.path) {
            DaemonStop.slapd(pid: pid, directory: directory)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// A `directory:` section (YAML, two-space indented under `directory:`) that reads this server as the
    /// reader, with `preset: openldap`: users below `ou=people`, groups below `ou=groups` of `base` (default
    /// the server's), StartTLS with the server's CA, and `employeeType: disabled` marking disabled users (as in
    /// `Examples/demo/directory.ldif`).
    public func directoryYAML(base: String? = nil) -> String {
        let base = base ?? self.base
        return """
            directory:
              preset: openldap
              url: \(url)
              tls:
                ca_file: \(caFile)
              bind:
                dn: \(readerDN)
                password_file: \(readerPasswordFile)
              users:
                base: ou=people,\(base)
              groups:
                base: ou=groups,\(base)
              schema:
                disabled_when:
                  - attribute: employeeType
                    equals: disabled
            """
    }

    /// Sends SIGKILL to slapd at once, without waiting.
    ///
    /// The directory stays until `stop()`.
    public func kill() {
        #if canImport(Glibc)
        _ = Glibc.kill(pid, SIGKILL)
        #elseif canImport(Darwin)
        _ = Darwin.kill(pid, SIGKILL)
        #endif
    }

    /// The last `lines` lines of slapd's log, for failure messages.
    public func logTail(lines: Int = 40) -> String {
        guard let text = try? String(contentsOf: URL(fileURLWithPath: logFile), encoding: .utf8) else {
            return ""
        }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}

/// Parses `KEY=value` lines as a POSIX shell would for the subset start.sh writes: single-quoted
/// parts (with `'\''` for a quote), backslash escapes and plain words.
///
/// Blank lines and `#`
/// comments are skipped.
package func parseShellAssignments(_ text: String) throws -> [String: String] {
    var result: [String: String] = [:]
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        if line.isEmpty || line.hasPrefix("#") { continue }
        guard let equals = line.firstIndex(of: "=") else {
            throw SlapdServerError("env line \(index + 1): expected KEY=value")
        }
        let key = String(line[..<equals])
        var value = ""
        var inQuotes = false
        var escaped = false
        for character in line[line.index(after: equals)...] {
            if inQuotes {
                if character == "'" { inQuotes = false } else { value.append(character) }
            } else if escaped {
                value.append(character)
                escaped = false
            } else if character == "'" {
                inQuotes = true
            } else if character == "\\" {
                escaped = true
            } else {
                value.append(character)
            }
        }
        if inQuotes || escaped {
            throw SlapdServerError("env line \(index + 1): unterminated quote in \(key)")
        }
        result[key] = value
    }
    return result
}
