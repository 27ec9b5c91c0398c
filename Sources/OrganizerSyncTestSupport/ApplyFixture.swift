public import Foundation
public import ProviderSimulator

/// One end-to-end world for the apply, reconcile and crash tests: a subtree of its own in the shared test slapd
/// (so tests run in parallel and may change their directory), a provider simulator of its own over real HTTP,
/// and a folder holding the configuration, the secrets, the mappings and the state (database, lock, audit log,
/// kept runs, metrics).
///
/// The CLI tests run the built `organizer-sync` in it, the run library's tests call `SyncRuns` in process; either
/// reads the results where an admin would: the simulator's admin state, the audit log, the state database (with
/// the `sqlite3` tool), the kept runs.
public struct ApplyFixture: Sendable {
    /// The directory server (shared with the plan tests; this fixture only touches its own subtree).
    public let server: SlapdServer
    /// The provider simulator of this test.
    public let simulator: ProviderSimulator
    /// The seed the simulator started from (its credentials; ``changeAccounts(_:_:)`` keeps them).
    public let seed: SimulatorSeed
    /// The test's folder.
    public let folder: URL
    /// `ou=<test>,dc=example,dc=com`: the test's directory subtree (people and groups below it).
    public let base: String
    /// The configuration file.
    public let config: String
    /// Every secret value the configuration hands organizer-sync.
    public let secrets: [String]

    /// The state folder: database, lock, audit log, kept runs and metrics.
    public var stateFolder: URL { folder.appendingPathComponent("state") }
    public var database: String { stateFolder.appendingPathComponent("organizer-sync.sqlite").path }
    public var auditLog: String { stateFolder.appendingPathComponent("audit.jsonl").path }
    public var runsFolder: String { stateFolder.appendingPathComponent("runs").path }
    public var metricsFile: String { stateFolder.appendingPathComponent("organizer-sync.prom").path }

    /// Builds the world (directory subtree, simulator, configuration) and runs `body` in it.
    ///
    /// - Parameters:
    ///   - people: the directory users (below `ou=people` of the test's subtree).
    ///   - targets: the configuration's targets.
    ///   - seed: the simulator's accounts; see ``SimulatorSeed/placing(_:on:slot:status:lastName:)``.
    ///   - concurrency: `apply.concurrency`.
    ///   - body: the test.
    /// - Throws: what `body` throws, or why the world could not be built.
    public static func with(
        people: [TestPerson] = TestPerson.standard,
        targets: [TestTarget],
        seed: SimulatorSeed = .demo,
        concurrency: Int = 4,
        _ body: (ApplyFixture) async throws -> Void
    ) async throws {
        let server = try await demoDirectoryServer.value
        try await withSimulator(seed: seed, folder: "apply-cli") { simulator, folder in
            let base = "ou=\(folder.lastPathComponent),dc=example,dc=com"
            try await Self.addSubtree(base: base, people: people, server: server)
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

    // MARK: The directory

    /// Applies `ldif` (ldapmodify syntax) as the directory's admin.
    public func ldapModify(_ ldif: String) async throws {
        try await Self.ldap("ldapmodify", ldif, server: server)
    }

    /// Disables (`employeeType: disabled`) or enables a user of the test's subtree.
    public func setDisabled(_ uid: String, _ disabled: Bool) async throws {
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
    public func accounts(_ provider: SimulatorProvider) async -> [SimulatedAccount] {
        await simulator.accounts(provider)
    }

    /// The provider's account with `email` now, if any.
    public func account(_ provider: SimulatorProvider, _ email: String) async -> SimulatedAccount? {
        await simulator.accounts(provider).first { $0.email.lowercased() == email.lowercased() }
    }

    /// Changes accounts at the simulator behind organizer-sync's back.
    ///
    /// As an admin in the provider's console would, or a user accepting an invitation: the simulator is reseeded
    /// with its accounts as they are now, changed by `change`. Access tokens are forgotten, so call it only while
    /// no organizer-sync runs.
    public func changeAccounts(_ provider: SimulatorProvider, _ change: (inout [SimulatedAccount]) -> Void) async {
        var now = seed
        for each in [SimulatorProvider.goto, .zoom, .webex] { now[each].accounts = await simulator.accounts(each) }
        change(&now[provider].accounts)
        await simulator.reset(seed: now)
    }

    /// The requests that changed something at the providers so far (not listings, look-ups or token requests).
    public func writeRequests() async -> [LoggedRequest] {
        await simulator.requestLog().filter { $0.method != "GET" && !$0.path.contains("token") }
    }

    /// Sets the latency of every provider API.
    public func setLatency(milliseconds: Int) async {
        var knobs = await simulator.knobs()
        for provider in [SimulatorProvider.goto, .zoom, .webex] { knobs[provider].latencyMilliseconds = milliseconds }
        await simulator.setKnobs(knobs)
    }

    // MARK: The state

    /// The audit log's lines (a torn last line included, without newlines).
    public func auditLines() throws -> [String] {
        let text = try String(contentsOfFile: auditLog, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// The audit log's records that parse as JSON objects.
    public func auditRecords() throws -> [[String: Any]] {
        try auditLines().compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// The succeeded outcome records, as `target action email` strings, in log order.
    public func succeededChanges() throws -> [String] {
        try auditRecords().filter { $0["type"] as? String == "outcome" && $0["result"] as? String == "succeeded" }
            .map {
                "\($0["target"] as? String ?? "?") \($0["action"] as? String ?? "?") \($0["email"] as? String ?? "?")"
            }
    }

    /// The pid the state lock's holder wrote into `<database>.lock`, while one holds it.
    public func lockHolder() -> Int32? {
        guard let text = try? String(contentsOfFile: database + ".lock", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("pid=") }.flatMap { Int32($0.dropFirst(4)) }
    }

    /// Runs SQL on the state database with the `sqlite3` tool and returns its output.
    @discardableResult
    public func sql(_ statement: String) async throws -> String {
        let result = try await runProcess("sqlite3", [database, statement], timeout: 30)
        guard result.status == 0 else { throw ProcessRunnerError("sqlite3 failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The kept run folders of `reconcile`, oldest first.
    public func keptRuns() throws -> [URL] {
        guard FileManager.default.fileExists(atPath: runsFolder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: runsFolder).sorted()
            .map { URL(fileURLWithPath: runsFolder).appendingPathComponent($0) }
    }

    /// How the simulator's issued tokens begin (`SimulatorState.issueToken`, `TokenEndpoints`).
    public static let issuedTokenPrefixes = [
        "goto-at-", "zoom-at-", "webex-at-", "zoom-rt-", "webex-sa-rt-", "goto-rt-", "webex-rt-",
    ]
}
