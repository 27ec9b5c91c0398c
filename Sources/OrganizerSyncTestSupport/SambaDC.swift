public import Foundation

/// A throw-away Samba 4 Active Directory domain controller on a loopback address, for tests.
///
/// `start()` unpacks a provisioned and seeded domain (`Scripts/samba/prepare.sh`: built once and
/// cached, then about 1 s) and starts samba (`Scripts/samba/start.sh`, about 1.5 s). Samba's LDAP
/// ports are fixed (389 and 636), so each DC takes its own loopback address (`127.0.0.1`, else
/// `127.0.0.11` and up); the server certificate names that address, `127.0.0.1`, `::1` and
/// `localhost`, signed by `caFile`. Simple binds without TLS are refused, as on a hardened Windows
/// DC. `shared()` starts one DC per test process; it is stopped when the process exits.
///
/// The domain `EXAMPLE.TEST` (`DC=example,DC=test`) holds, under `OU=Corp` (see
/// `Scripts/samba/seed.py`): users with and without mail, a disabled one, nested groups
/// (AllStaff > Engineers > Platform), a diamond (Top > Left, Right > Bottom), BigGroup with 3,100
/// members, a renamed-and-moved user, a deleted one, and service accounts that fail to bind with
/// AD data codes 533 (disabled), 773 (must change password) and, after two wrong passwords, 775
/// (locked).
public final class SambaDC: Sendable {
    /// `ldap://ADDRESS` (StartTLS).
    public let url: String
    /// `ldaps://ADDRESS`.
    public let ldapsURL: String
    /// The loopback address the DC listens on.
    public let address: String
    /// PEM file of the CA that signed the DC's certificate.
    public let caFile: String
    /// The domain's base DN, `DC=example,DC=test`.
    public let base: String
    /// `OU=Corp,DC=example,DC=test`: the seeded users (`OU=People`, `OU=Bulk`, `OU=Service`) and
    /// groups (`OU=Groups`).
    public let corpBase: String
    /// `svc-reader`: the bind identity for reads.
    public let readerDN: String
    public let readerPasswordFile: String
    /// `Administrator`: may change the directory (``modify(_:)``).
    public let adminDN: String
    public let adminPasswordFile: String
    /// A disabled account with a valid password (bind: data 533).
    public let disabledDN: String
    public let disabledPasswordFile: String
    /// An account whose password must be changed (pwdLastSet 0; bind: data 773).
    public let mustChangeDN: String
    public let mustChangePasswordFile: String
    /// An account a password policy locks after two wrong passwords (then: data 775).
    public let lockedDN: String
    public let lockedPasswordFile: String
    /// The samba root process.
    public let pid: Int32
    /// The DC's private folder (database, TLS material, logs, `env`); deleted by ``stop()``.
    public let directory: URL
    /// samba's own output (`-d 1`).
    public let logFile: String
    /// The variables of `directory/env` (AD_URL, AD_CA_FILE, ...), for example to pass to a child process.
    public let environment: [String: String]

    /// `OU=People,OU=Corp,...`: the fixture users.
    public var peopleBase: String { "OU=People,\(corpBase)" }
    /// `OU=Groups,OU=Corp,...`: the fixture groups.
    public var groupsBase: String { "OU=Groups,\(corpBase)" }
    /// `OU=Bulk,OU=Corp,...`: the bulk users (BigGroup's members).
    public var bulkBase: String { "OU=Bulk,\(corpBase)" }

    /// At most two tests at a time talk to a test DC, in a test process (``SambaDCPlace``, `@Suite(.sambaDC)`).
    ///
    /// Samba on a loaded 2-core CI machine, with every AD test case reading its 3,113 users at once, once took
    /// 63 s per read, and an `ldapmodify` waited more than its 60 s.
    public static let gate = ConcurrencyGate(limit: 2)

    /// Number of bulk users in the test domain, all members of `BigGroup`.
    public static let testBulkUsers = 3100

    /// The tools the scripts need, and the Debian package of each.
    static let requiredTools: [(tool: String, package: String)] = [
        ("samba", "samba"),
        ("samba-tool", "samba"),
        ("ldapsearch", "ldap-utils"),
        ("ldapmodify", "ldap-utils"),
        ("openssl", "openssl"),
        ("flock", "util-linux"),
    ]

    /// The install command a missing tool's error names.
    public static let installCommand =
        "Scripts/samba/install.sh (apt-get install --no-install-recommends samba samba-dsdb-modules "
        + "samba-vfs-modules samba-ad-provision ldap-utils openssl)"

    /// Started once, by the first test that asks; a global, so never deinitialised (``ServerRegistry`` stops it).
    private static let sharedDC = Task<Result<SambaDC, SambaDCError>, Never> {
        do {
            return .success(try await SambaDC.start())
        } catch let error as SambaDCError {
            return .failure(error)
        } catch {
            return .failure(SambaDCError("\(error)"))
        }
    }

    /// The DC shared by every test of this process: started by the first caller, stopped at exit.
    ///
    /// Tests that change the directory must only change entries no other test reads.
    public static func shared() async throws(SambaDCError) -> SambaDC {
        try await sharedDC.value.get()
    }

    /// Unpacks the test domain into a fresh folder and starts a DC on it.
    ///
    /// Throws when a tool is
    /// missing (naming the install command) or samba does not come up (with the scripts' output).
    public static func start(bulkUsers: Int = SambaDC.testBulkUsers) async throws -> SambaDC {
        let missing = requiredTools.filter { resolveExecutable($0.tool) == nil }
        guard missing.isEmpty, FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
            let tools =
                missing.map(\.tool)
                + (FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? [] : ["/usr/bin/python3"])
            throw SambaDCError(
                "cannot start a test Samba AD DC: \(tools.joined(separator: ", ")) not found. Install with: \(installCommand)"
            )
        }
        let scripts = SlapdServer.repositoryRoot().appendingPathComponent("Scripts/samba")
        let directory = try TemporaryDirectory(prefix: "samba-dc")
        func fail(_ what: String, _ result: (status: Int32, stdout: String, stderr: String)) -> SambaDCError {
            SambaDCError("Scripts/samba/\(what) exited with \(result.status):\n\(result.stderr)\(result.stdout)")
        }
        do {
            let bulk = String(bulkUsers)
            let prepared = try await runProcess(
                "bash",
                [
                    scripts.appendingPathComponent("prepare.sh").path, "--dir", directory.path, "--bulk", bulk,
                    "--big-group", bulk,
                ],
                timeout: 600
            )
            guard prepared.status == 0 else { throw fail("prepare.sh", prepared) }
            let started = try await runProcess(
                "bash",
                [scripts.appendingPathComponent("start.sh").path, "--dir", directory.path],
                timeout: 180
            )
            guard started.status == 0 else { throw fail("start.sh", started) }
            let envText = try String(contentsOf: directory.url.appendingPathComponent("env"), encoding: .utf8)
            let dc = try SambaDC(directory: directory.url, environment: parseShellAssignments(envText))
            ServerRegistry.sambaDC.register(pid: dc.pid, directory: dc.directory)
            return dc
        } catch {
            DaemonStop.samba(directory: directory.url)
            directory.remove()
            if let error = error as? SambaDCError { throw error }
            throw SambaDCError("cannot start a test Samba AD DC: \(error)")
        }
    }

    private init(directory: URL, environment: [String: String]) throws {
        func value(_ key: String) throws -> String {
            guard let value = environment[key], !value.isEmpty else {
                throw SambaDCError("\(directory.path)/env has no \(key)")
            }
            return value
        }
        self.directory = directory
        self.environment = environment
        url = try value("AD_URL")
        ldapsURL = try value("AD_LDAPS_URL")
        address = try value("AD_ADDRESS")
        caFile = try value("AD_CA_FILE")
        base = try value("AD_BASE")
        corpBase = try value("AD_CORP_BASE")
        readerDN = try value("AD_READER_DN")
        readerPasswordFile = try value("AD_READER_PASSWORD_FILE")
        adminDN = try value("AD_ADMIN_DN")
        adminPasswordFile = try value("AD_ADMIN_PASSWORD_FILE")
        disabledDN = try value("AD_DISABLED_DN")
        disabledPasswordFile = try value("AD_DISABLED_PASSWORD_FILE")
        mustChangeDN = try value("AD_MUSTCHANGE_DN")
        mustChangePasswordFile = try value("AD_MUSTCHANGE_PASSWORD_FILE")
        lockedDN = try value("AD_LOCKED_DN")
        lockedPasswordFile = try value("AD_LOCKED_PASSWORD_FILE")
        logFile = try value("SAMBA_LOG")
        guard let pid = Int32(try value("SAMBA_PID")) else {
            throw SambaDCError("\(directory.path)/env: SAMBA_PID is not a number")
        }
        self.pid = pid
    }

    deinit {
        stop()
    }

    /// Stops samba (by PID, its whole process tree) and deletes ``directory``.
    ///
    /// Idempotent.
    public func stop() {
        ServerRegistry.sambaDC.unregister(pid: pid)
        if FileManager.default.fileExists(atPath: directory.path) {
            DaemonStop.samba(directory: directory)
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// The password in `file` (a test's own knowledge; never put it in an error message).
    public func password(in file: String) throws -> String {
        try String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8)
    }

    /// A `directory:` section (YAML, two-space indented under `directory:`) that reads this DC
    /// with `preset: active-directory` as svc-reader: users below `OU=People` (or `usersBase`),
    /// groups below `OU=Groups`.
    ///
    /// `tls` is `ldaps` or `starttls`. The connect timeout is 60 s, not the default 10: samba listens with a
    /// backlog of 10 (`ss -ltn`), so while its prefork workers are all busy (a loaded 2-core CI machine, many
    /// tests reading at once) further connects wait in SYN retries, and 10 s once failed a test with
    /// "Can't contact LDAP server".
    public func directoryYAML(tls: String = "ldaps", usersBase: String? = nil, pageSize: Int = 500) -> String {
        """
        directory:
          preset: active-directory
          url: \(tls == "ldaps" ? ldapsURL : url)
          tls:
            mode: \(tls)
            ca_file: \(caFile)
          bind:
            dn: \(readerDN)
            password_file: \(readerPasswordFile)
          page_size: \(pageSize)
          timeouts:
            connect_seconds: 60
          users:
            base: \(usersBase ?? peopleBase)
          groups:
            base: \(groupsBase)
        """
    }

    /// Applies `ldif` (ldapmodify syntax: `changetype: modify`, `modrdn`, `delete`, ...) as
    /// Administrator over LDAPS.
    ///
    /// Throws with ldapmodify's output when it fails.
    public func modify(_ ldif: String) async throws {
        let result = try await runProcess(
            "ldapmodify",
            ["-x", "-H", ldapsURL, "-D", adminDN, "-y", adminPasswordFile],
            environment: ldapToolEnvironment,
            stdin: Data(ldif.utf8),
            timeout: 180
        )
        guard result.status == 0 else {
            throw SambaDCError("ldapmodify exited with \(result.status): \(result.stderr)\(result.stdout)")
        }
    }

    /// Runs `ldapsearch -LLL` over LDAPS as svc-reader and returns its LDIF output (unwrapped lines).
    ///
    /// `extra` is passed before the filter (`-E pr=1000/noprompt`, `-s base`, ...).
    public func search(base: String, filter: String, attributes: [String], extra: [String] = []) async throws -> String
    {
        let result = try await runProcess(
            "ldapsearch",
            ["-LLL", "-o", "ldif-wrap=no", "-x", "-H", ldapsURL, "-D", readerDN, "-y", readerPasswordFile, "-b", base]
                + extra + [filter] + attributes,
            environment: ldapToolEnvironment,
            timeout: 180
        )
        guard result.status == 0 else {
            throw SambaDCError("ldapsearch exited with \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// The variables that make ldapsearch and ldapmodify trust this DC's CA.
    public var ldapToolEnvironment: [String: String] {
        ["LDAPTLS_CACERT": caFile, "LDAPTLS_REQCERT": "demand"]
    }

    /// The last `lines` lines of samba's output, for failure messages.
    public func logTail(lines: Int = 40) -> String {
        guard let text = try? String(contentsOf: URL(fileURLWithPath: logFile), encoding: .utf8) else { return "" }
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}
