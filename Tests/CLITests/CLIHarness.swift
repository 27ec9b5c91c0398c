import Foundation
import Logging
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// One end-to-end world for the apply, reconcile and crash tests: a subtree of its own in the shared test slapd
/// (so tests run in parallel and may change their directory), a provider simulator of its own over real HTTP,
/// and a folder holding the configuration, the secrets, the mappings and the state (database, lock, audit log,
/// kept runs, metrics).
///
/// Everything runs the built `organizer-sync`; the test reads the results where an admin would: the simulator's
/// admin state, the audit log, the state database (with the `sqlite3` tool), the kept runs.
struct ApplyFixture: Sendable {
    /// The directory server (shared with the plan tests; this fixture only touches its own subtree).
    let server: SlapdServer
    /// The provider simulator of this test.
    let simulator: ProviderSimulator
    /// The seed the simulator started from (its credentials; ``changeAccounts(_:_:)`` keeps them).
    let seed: SimulatorSeed
    /// The test's folder.
    let folder: URL
    /// `ou=<test>,dc=example,dc=com`: the test's directory subtree (people and groups below it).
    let base: String
    /// The configuration file.
    let config: String
    /// Every secret value the configuration hands organizer-sync.
    let secrets: [String]

    /// The state folder: database, lock, audit log, kept runs and metrics.
    var stateFolder: URL { folder.appendingPathComponent("state") }
    var database: String { stateFolder.appendingPathComponent("organizer-sync.sqlite").path }
    var auditLog: String { stateFolder.appendingPathComponent("audit.jsonl").path }
    var runsFolder: String { stateFolder.appendingPathComponent("runs").path }
    var metricsFile: String { stateFolder.appendingPathComponent("organizer-sync.prom").path }

    /// Builds the world (directory subtree, simulator, configuration) and runs `body` in it.
    ///
    /// - Parameters:
    ///   - people: the directory users (below `ou=people` of the test's subtree).
    ///   - targets: the configuration's targets.
    ///   - seed: the simulator's accounts; see ``SimulatorSeed/placing(_:on:slot:status:lastName:)``.
    ///   - concurrency: `apply.concurrency`.
    ///   - body: the test.
    /// - Throws: what `body` throws, or why the world could not be built.
    static func with(
        people: [TestPerson] = TestPerson.standard,
        targets: [TestTarget],
        seed: SimulatorSeed = .demo,
        concurrency: Int = 4,
        _ body: (ApplyFixture) async throws -> Void
    ) async throws {
        let server = try demoDirectoryServer.get()
        try await withSimulator(seed: seed, folder: "apply-cli") { simulator, folder in
            let base = "ou=\(folder.lastPathComponent),dc=example,dc=com"
            try await blocking { try Self.addSubtree(base: base, people: people, server: server) }
            let (config, secrets) = try Self.writeConfiguration(
                server: server,
                simulator: simulator,
                seed: seed,
                base: base,
                targets: targets,
                concurrency: concurrency,
                in: folder
            )
            let fixture = ApplyFixture(
                server: server,
                simulator: simulator,
                seed: seed,
                folder: folder,
                base: base,
                config: config,
                secrets: secrets
            )
            try await body(fixture)
        }
    }

    // MARK: Running organizer-sync

    /// Runs `organizer-sync ARGUMENTS --config CONFIG` to its end.
    func run(_ arguments: [String], timeout: Double = 90) async throws -> CLIProcess.Result {
        try await CLIProcess.run(arguments + ["--config", config], in: folder, timeout: timeout)
    }

    /// Starts `organizer-sync ARGUMENTS --config CONFIG` in the background.
    func start(_ arguments: [String]) throws -> CLIProcess {
        try CLIProcess(arguments + ["--config", config], in: folder)
    }

    /// `plan --out FILE` (optionally for some targets): the result, the plan file and the plan as decoded.
    func plan(
        _ name: String = "plan.json",
        targets: [String] = []
    ) async throws -> (
        result: CLIProcess.Result, file: String, plan: Plan?
    ) {
        let file = folder.appendingPathComponent(name).path
        let result = try await run(["plan", "--out", file] + targets.flatMap { ["--target", $0] })
        let plan = (try? Data(contentsOf: URL(fileURLWithPath: file))).flatMap { try? Plan.decodeVerified(from: $0) }
        return (result, file, plan)
    }

    // MARK: The directory

    /// Applies `ldif` (ldapmodify syntax) as the directory's admin.
    func ldapModify(_ ldif: String) async throws {
        let server = server
        try await blocking { try Self.ldap("ldapmodify", ldif, server: server) }
    }

    /// Disables (`employeeType: disabled`) or enables a user of the test's subtree.
    func setDisabled(_ uid: String, _ disabled: Bool) async throws {
        try await ldapModify(
            """
            dn: uid=\(uid),ou=people,\(base)
            changetype: modify
            replace: employeeType
            employeeType: \(disabled ? "disabled" : "staff")
            """
        )
    }

    // MARK: The simulator

    /// The provider's accounts now (the simulator's admin state).
    func accounts(_ provider: SimulatorProvider) async -> [SimulatedAccount] {
        await simulator.accounts(provider)
    }

    /// The provider's account with `email` now, if any.
    func account(_ provider: SimulatorProvider, _ email: String) async -> SimulatedAccount? {
        await simulator.accounts(provider).first { $0.email.lowercased() == email.lowercased() }
    }

    /// Changes accounts at the simulator behind organizer-sync's back.
    ///
    /// As an admin in the provider's console would, or a user accepting an invitation: the simulator is reseeded
    /// with its accounts as they are now, changed by `change`. Access tokens are forgotten, so call it only while
    /// no organizer-sync runs.
    func changeAccounts(_ provider: SimulatorProvider, _ change: (inout [SimulatedAccount]) -> Void) async {
        var now = seed
        for each in [SimulatorProvider.goto, .zoom, .webex] { now[each].accounts = await simulator.accounts(each) }
        change(&now[provider].accounts)
        await simulator.reset(seed: now)
    }

    /// The requests that changed something at the providers so far (not listings, look-ups or token requests).
    func writeRequests() async -> [LoggedRequest] {
        await simulator.requestLog().filter { $0.method != "GET" && !$0.path.contains("token") }
    }

    /// Sets the latency of every provider API.
    func setLatency(milliseconds: Int) async {
        var knobs = await simulator.knobs()
        for provider in [SimulatorProvider.goto, .zoom, .webex] { knobs[provider].latencyMilliseconds = milliseconds }
        await simulator.setKnobs(knobs)
    }

    // MARK: The state

    /// The audit log's lines (a torn last line included, without newlines).
    func auditLines() throws -> [String] {
        let text = try String(contentsOfFile: auditLog, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// The audit log's records that parse as JSON objects.
    func auditRecords() throws -> [[String: Any]] {
        try auditLines().compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// The succeeded outcome records, as `target action email` strings, in log order.
    func succeededChanges() throws -> [String] {
        try auditRecords().filter { $0["type"] as? String == "outcome" && $0["result"] as? String == "succeeded" }
            .map {
                "\($0["target"] as? String ?? "?") \($0["action"] as? String ?? "?") \($0["email"] as? String ?? "?")"
            }
    }

    /// The pid the state lock's holder wrote into `<database>.lock`, while one holds it.
    func lockHolder() -> Int32? {
        guard let text = try? String(contentsOfFile: database + ".lock", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("pid=") }.flatMap { Int32($0.dropFirst(4)) }
    }

    /// Runs SQL on the state database with the `sqlite3` tool and returns its output.
    @discardableResult
    func sql(_ statement: String) async throws -> String {
        let database = database
        return try await blocking {
            let result = try runProcess("sqlite3", [database, statement], timeout: 30)
            guard result.status == 0 else { throw ProcessRunnerError("sqlite3 failed: \(result.stderr)") }
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The kept run folders of `reconcile`, oldest first.
    func keptRuns() throws -> [URL] {
        guard FileManager.default.fileExists(atPath: runsFolder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: runsFolder).sorted()
            .map { URL(fileURLWithPath: runsFolder).appendingPathComponent($0) }
    }

    /// Expects no secret value and no access or refresh token the simulator issued (they all start with
    /// `goto-at-`, `zoom-at-`, `webex-at-`, `zoom-rt-` or `webex-sa-rt-`) in `text`.
    func expectNoSecret(in text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectNoSecret(in: Data(text.utf8), what, sourceLocation: sourceLocation)
    }

    /// The same for the bytes of a file (a database page, a WAL frame).
    func expectNoSecret(in data: Data, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets + Self.issuedTokenPrefixes + ["Bearer "] {
            #expect(
                data.range(of: Data(secret.utf8)) == nil,
                "\(what) holds a secret or token (\(secret.prefix(6))…)",
                sourceLocation: sourceLocation
            )
        }
    }

    /// How the simulator's issued tokens begin (`SimulatorState.issueToken`, `TokenEndpoints`).
    static let issuedTokenPrefixes = [
        "goto-at-", "zoom-at-", "webex-at-", "zoom-rt-", "webex-sa-rt-", "goto-rt-", "webex-rt-",
    ]

    // MARK: Building the world

    /// Adds the test's subtree: `ou=people` with `people`, `ou=groups` with each group named by someone.
    private static func addSubtree(base: String, people: [TestPerson], server: SlapdServer) throws {
        let name = base.split(separator: ",")[0].dropFirst(3)
        var entries = [
            "dn: \(base)\nobjectClass: organizationalUnit\nou: \(name)",
            "dn: ou=people,\(base)\nobjectClass: organizationalUnit\nou: people",
            "dn: ou=groups,\(base)\nobjectClass: organizationalUnit\nou: groups",
        ]
        for person in people {
            entries.append(
                """
                dn: uid=\(person.uid),ou=people,\(base)
                objectClass: inetOrgPerson
                uid: \(person.uid)
                cn: \(person.displayName)
                sn: \(person.sn)
                givenName: \(person.givenName)
                displayName: \(person.displayName)
                mail: \(person.email)
                title: \(person.title)
                departmentNumber: \(person.department)
                employeeType: \(person.isDisabled ? "disabled" : "staff")
                """
            )
        }
        var groups: [String: [String]] = [:]
        for person in people {
            for group in person.groups { groups[group, default: []].append("uid=\(person.uid),ou=people,\(base)") }
        }
        for (group, members) in groups.sorted(by: { $0.key < $1.key }) {
            entries.append(
                "dn: cn=\(group),ou=groups,\(base)\nobjectClass: groupOfNames\ncn: \(group)\n"
                    + members.map { "member: \($0)" }.joined(separator: "\n")
            )
        }
        try ldap("ldapadd", entries.joined(separator: "\n\n") + "\n", server: server)
    }

    /// Runs `ldapadd`/`ldapmodify` as the directory's admin over StartTLS.
    private static func ldap(_ tool: String, _ ldif: String, server: SlapdServer) throws {
        let result = try runProcess(
            tool,
            ["-H", server.url, "-x", "-ZZ", "-D", server.adminDN, "-y", server.adminPasswordFile],
            environment: ["LDAPTLS_CACERT": server.caFile],
            stdin: Data(ldif.utf8),
            timeout: 30
        )
        guard result.status == 0 else {
            throw ProcessRunnerError("\(tool) exited with \(result.status): \(result.stderr)\(result.stdout)")
        }
    }

    /// Writes the configuration, its mappings and its secret files; returns the file and the secret values.
    private static func writeConfiguration(
        server: SlapdServer,
        simulator: ProviderSimulator,
        seed: SimulatorSeed,
        base: String,
        targets: [TestTarget],
        concurrency: Int,
        in folder: URL
    ) throws -> (file: String, secrets: [String]) {
        var secrets = [server.readerPassword]
        func write(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        func secretFile(_ name: String, _ value: String) throws -> String {
            secrets.append(value)
            let path = folder.appendingPathComponent(name).path
            try SecretFiles.save(value + "\n", to: path)
            return path
        }
        var yaml = """
            \(server.directoryYAML(base: base))
            state:
              database: \(folder.appendingPathComponent("state/organizer-sync.sqlite").path)
              audit_log: \(folder.appendingPathComponent("state/audit.jsonl").path)
              runs_dir: \(folder.appendingPathComponent("state/runs").path)
              metrics_file: \(folder.appendingPathComponent("state/organizer-sync.prom").path)
            apply:
              concurrency: \(concurrency)
            targets:

            """
        for target in targets {
            let credentials = seed[target.provider]
            let mapping = try write("\(target.name)-mapping.yaml", target.mapping)
            yaml += """
                \(simulator.targetYAML(target.name, provider: target.provider.rawValue))
                    mapping: \(mapping)
                    policy: \(target.policy)
                    credentials:
                      client_id: \(credentials.clientId)
                      client_secret_file: \(try secretFile("\(target.name).secret", credentials.clientSecret))

                """
            switch target.provider {
            case .zoom:
                yaml += "      account_id: \(credentials.accountId)\n"
            case .goto, .webex:
                let token = try secretFile("\(target.name).refresh", credentials.refreshTokens[0])
                yaml += "      refresh_token_file: \(token)\n"
            }
        }
        return (try write("organizer-sync.yaml", yaml), Array(Set(secrets)).sorted())
    }
}

/// Polls `condition` every 10 ms until it holds; throws after `timeout` seconds, saying `what` was awaited.
func waitUntil(
    _ what: String,
    timeout: Double = 30,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while try await !condition() {
        if Date() > deadline { throw ProcessRunnerError("timed out after \(timeout) s waiting until \(what)") }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// Runs blocking work (a child process the test waits for) off the concurrency pool.
func blocking<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
