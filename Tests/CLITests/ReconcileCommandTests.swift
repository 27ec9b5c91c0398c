import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// `reconcile` end to end, as a scheduler runs it, and the secrets test over every file a run wrote.
@Suite("organizer-sync reconcile")
struct ReconcileCommandTests {
    /// The lifecycle seed of ``ApplyCommandTests`` for all three providers at once.
    static var everyProviderSeed: SimulatorSeed {
        var seed = SimulatorSeed.demo
        for provider in [SimulatorProvider.goto, .zoom, .webex] {
            seed[provider] = ApplyCommandTests.lifecycleSeed(provider)[provider]
        }
        return seed
    }

    static let everyProvider: [TestTarget] = [.standard(.goto), .standard(.zoom), .standard(.webex)]

    /// The single run folder `reconcile` kept since `known`, with its plan and summary.
    static func keptRun(
        _ world: ApplyFixture,
        after known: [URL]
    ) throws -> (plan: Plan, summary: [String: Any], folder: URL) {
        let runs = try world.keptRuns().filter { !known.contains($0) }
        try #require(runs.count == 1, "one new kept run, found \(runs.map(\.lastPathComponent))")
        let plan = try Plan.decodeVerified(from: Data(contentsOf: runs[0].appendingPathComponent("plan.json")))
        let summary = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: runs[0].appendingPathComponent("summary.json")))
                as? [String: Any]
        )
        return (plan, summary, runs[0])
    }

    /// Parses the metrics file: every line is `# HELP name text`, `# TYPE name type` or `name{labels} value`;
    /// returns the samples by `name{labels}`.
    static func metrics(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Double] {
        let name = #"[a-zA-Z_:][a-zA-Z0-9_:]*"#
        let label = #"[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*""#
        let help = try Regex("^# HELP \(name) .+$")
        let type = try Regex("^# TYPE \(name) (counter|gauge|histogram|summary|untyped)$")
        let sample = try Regex("^(\(name)(?:\\{\(label)(?:,\(label))*\\})?) (-?[0-9.eE+-]+|NaN|[+-]Inf)$")
        var samples: [String: Double] = [:]
        var declared: [String: Set<String>] = [:]
        #expect(text.hasSuffix("\n"), sourceLocation: sourceLocation)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.wholeMatch(of: help) != nil || line.wholeMatch(of: type) != nil {
                let words = line.split(separator: " ")
                declared[String(words[2]), default: []].insert(String(words[1]))
                continue
            }
            guard let match = try? sample.wholeMatch(in: String(line)),
                let key = match.output[1].substring, let value = match.output[2].substring.flatMap({ Double($0) })
            else {
                Issue.record("not a Prometheus text line: \(line)", sourceLocation: sourceLocation)
                continue
            }
            let family = String(key.prefix { $0 != "{" })
            #expect(
                declared[family] == ["HELP", "TYPE"],
                "\(family) has no # HELP and # TYPE before it",
                sourceLocation: sourceLocation
            )
            samples[String(key)] = value
        }
        return samples
    }

    @Test("reconcile plans and applies every target, keeps the plan, writes summary.json and the metrics: exit 0")
    func reconcileApplies() async throws {
        try await ApplyFixture.with(targets: Self.everyProvider, seed: Self.everyProviderSeed) { world in
            let result = try await world.run(["reconcile"])
            #expect(result.status == 0, "\(result)")
            #expect(
                result.stdout.contains(
                    "Target zoom (zoom): 1 to create, 1 to update, 0 to reactivate, 2 to suspend, 0 to delete"
                )
            )
            #expect(result.stdout.contains("Result: succeeded."))
            #expect(await world.account(.goto, "alice@example.com")?.licenses == [SimulatorSeed.gotoLicence])
            #expect(await world.account(.webex, "carol@example.com")?.status == .inactive)
            // frank's Zoom invitation, never accepted, is kept (pending_invitations: keep, the default).
            #expect(await world.account(.zoom, "frank@example.com")?.status == .pending)

            let kept = try Self.keptRun(world, after: [])
            #expect(kept.plan.targets.map(\.target) == ["goto", "zoom", "webex"])
            #expect(kept.summary["result"] as? String == "succeeded")
            #expect(kept.summary["exitCode"] as? Int == 0)
            #expect(kept.summary["planDigest"] as? String == kept.plan.digest)
            #expect(kept.summary["planFile"] as? String == kept.folder.appendingPathComponent("plan.json").path)
            #expect(kept.summary["run"] as? String == kept.folder.lastPathComponent)
            let targets = try #require(kept.summary["targets"] as? [[String: Any]])
            let zoom = try #require(targets.first { $0["name"] as? String == "zoom" })
            #expect(zoom["planned"] as? [String: Int] == ["create": 1, "update": 1, "suspend": 2])
            #expect(zoom["applied"] as? [String: Int] == ["succeeded": 4])
            #expect((zoom["problems"] as? [Any])?.isEmpty == true)

            let metricsText = try String(contentsOfFile: world.metricsFile, encoding: .utf8)
            let samples = try Self.metrics(metricsText)
            #expect(samples.count > 40, "every series is written: \(samples.count)")
            #expect(samples[#"organizer_sync_last_run_result{result="succeeded"}"#] == 1)
            #expect(samples[#"organizer_sync_last_run_result{result="blocked"}"#] == 0)
            #expect(
                samples[
                    #"organizer_sync_applied_actions{target="zoom",provider="zoom",action="suspend",result="succeeded"}"#
                ]
                    == 2
            )
            #expect(
                samples[#"organizer_sync_planned_actions{target="goto",provider="goto",action="suspend"}"#] == 2
            )
            #expect(samples[#"organizer_sync_blocked{target="webex",provider="webex"}"#] == 0)
            #expect((samples["organizer_sync_last_run_timestamp_seconds"] ?? 0) > Date().timeIntervalSince1970 - 120)
            let mode = try FileManager.default.attributesOfItem(atPath: world.metricsFile)[.posixPermissions] as? Int
            #expect(mode == 0o644, "node_exporter runs as another user")

            let again = try await world.run(["reconcile"])
            #expect(again.status == 0, "\(again)")
            #expect(again.stdout.contains("No changes."))
            let second = try Self.keptRun(world, after: [kept.folder])
            #expect(!second.plan.hasChanges)
            #expect(second.summary["result"] as? String == "succeeded")
            let verify = try await world.run(["audit", "verify"])
            #expect(verify.status == 0, "\(verify)")
        }
    }

    @Test("A gate stops reconcile before any change (exit 3, summary blocked); --override GATE applies")
    func reconcileBlocked() async throws {
        let target = TestTarget.standard(
            .zoom,
            policy:
                "{ max_creates: { count: 100 }, max_suspends: { count: 1 }, max_deletes: { count: 100, share: 1.0 } }"
        )
        try await ApplyFixture.with(targets: [target], seed: ApplyCommandTests.lifecycleSeed(.zoom)) { world in
            let before = await world.accounts(.zoom)
            let blocked = try await world.run(["reconcile"])
            #expect(blocked.status == 3, "\(blocked)")
            #expect(blocked.stdout.contains("BLOCKED threshold.suspends.count"))
            #expect(blocked.stderr.contains("reconcile: blocked by threshold.suspends.count; nothing was changed"))
            #expect(await world.accounts(.zoom) == before)
            #expect(await world.writeRequests().isEmpty)
            let kept = try Self.keptRun(world, after: [])
            #expect(kept.plan.isBlocked)
            #expect(kept.summary["result"] as? String == "blocked")
            #expect(kept.summary["exitCode"] as? Int == 3)
            let samples = try Self.metrics(try String(contentsOfFile: world.metricsFile, encoding: .utf8))
            #expect(samples[#"organizer_sync_last_run_result{result="blocked"}"#] == 1)
            #expect(samples[#"organizer_sync_blocked{target="zoom",provider="zoom"}"#] == 1)
            let records = try world.auditRecords()
            #expect(records.map { $0["type"] as? String } == ["run-start", "run-end"])
            #expect(records.last?["result"] as? String == "blocked")

            let overridden = try await world.run(["reconcile", "--override", "threshold.suspends.count"])
            #expect(overridden.status == 0, "\(overridden)")
            #expect(overridden.stderr.contains("applying although threshold.suspends.count tripped (--override)"))
            #expect(await world.account(.zoom, "carol@example.com")?.status == .inactive)
            #expect(await world.account(.zoom, "dave@example.com")?.status == .inactive)
            let applied = try Self.keptRun(world, after: [kept.folder])
            #expect(applied.summary["result"] as? String == "succeeded")
            let last = try await world.run(["plan"])
            #expect(last.status == 0, "\(last)")
        }
    }

    @Test("reconcile exits 4 while an apply holds the lock, and changes nothing")
    func reconcileLocked() async throws {
        try await ApplyFixture.with(
            people: TestPerson.standard + TestPerson.many(4),
            targets: [.standard(.webex)],
            seed: ApplyCommandTests.lifecycleSeed(.webex),
            concurrency: 1
        ) { world in
            let made = try await world.plan()
            try #require(made.result.status == 2, "\(made.result)")
            await world.setLatency(milliseconds: 200)
            let apply = try await world.start(["apply", made.file])
            try await waitUntil("the apply holds the lock") { world.lockHolder() == apply.pid }
            let locked = try await world.run(["reconcile"])
            #expect(locked.status == 4, "\(locked)")
            #expect(locked.stderr.contains("another organizer-sync (pid \(apply.pid), `"), "\(locked.stderr)")
            #expect(try world.keptRuns().isEmpty, "a locked-out reconcile plans nothing and keeps nothing")
            #expect(!apply.hasEnded)
            let applied = try await apply.wait()
            #expect(applied.status == 0, "\(applied)")
            #expect(try world.auditRecords().filter { $0["type"] as? String == "run-start" }.count == 1)
            await world.setLatency(milliseconds: 0)
            let after = try await world.run(["reconcile"])
            #expect(after.status == 0, "\(after)")
            #expect(after.stdout.contains("No changes."))
        }
    }

    @Test("No secret and no token the simulator issued is in any file a run wrote, nor on standard output or error")
    func secretsAbsent() async throws {
        try await ApplyFixture.with(
            people: TestPerson.standard + TestPerson.many(3),
            targets: Self.everyProvider,
            seed: Self.everyProviderSeed,
            concurrency: 1
        ) { world in
            var outputs: [(String, CLIProcess.Result)] = []
            let made = try await world.plan()
            outputs.append(("plan", made.result))
            try #require(made.result.status == 2, "\(made.result)")

            // While apply runs (slowly), the database's -wal and -shm files exist: scan them then.
            await world.setLatency(milliseconds: 100)
            let apply = try await world.start(["apply", made.file, "--log-level", "trace"])
            try await waitUntil("apply is half-way") {
                ((try? world.auditRecords()) ?? []).count { $0["type"] as? String == "outcome" } >= 6
            }
            let midRun = try CrashSafetyTests.files(under: world.stateFolder)
            #expect(midRun.contains { $0.lastPathComponent.hasSuffix("-wal") }, "\(midRun.map(\.lastPathComponent))")
            for file in midRun {
                guard let data = try? Data(contentsOf: file) else { continue }  // replaced while read
                world.expectNoSecret(in: data, "\(file.lastPathComponent) during apply")
            }
            outputs.append(("apply", try await apply.wait()))
            #expect(outputs.last?.1.status == 0, "\(outputs.last!.1)")
            await world.setLatency(milliseconds: 0)

            // A directory change, picked up by reconcile; the audit read back and exported.
            try await world.setDisabled("user01", true)
            outputs.append(("reconcile", try await world.run(["reconcile", "--log-level", "trace"])))
            #expect(outputs.last?.1.status == 0, "\(outputs.last!.1)")
            let export = world.stateFolder.appendingPathComponent("export.csv").path
            outputs.append(("export", try await world.run(["audit", "export", "--format", "csv", "--out", export])))
            outputs.append(("show", try await world.run(["audit", "show", "--format", "json"])))
            outputs.append(("verify", try await world.run(["audit", "verify"])))

            // The scan is not vacuous: the six secrets (the LDAP bind password, three client secrets, two refresh
            // tokens) are known, tokens were issued and used, and the runs wrote every kind of file.
            #expect(world.secrets.count == 6)
            let tokenRequests = await world.simulator.requestLog().filter { $0.path.contains("token") }
            #expect(tokenRequests.count >= 3)
            let files = try CrashSafetyTests.files(under: world.stateFolder)
            let names = Set(files.map(\.lastPathComponent))
            for name in [
                "organizer-sync.sqlite", "organizer-sync.sqlite.lock", "audit.jsonl", "plan.json", "summary.json",
                "organizer-sync.prom", "export.csv",
            ] {
                #expect(names.contains(name), "no \(name) among \(names.sorted())")
            }
            for file in files + [URL(fileURLWithPath: made.file)] {
                world.expectNoSecret(in: try Data(contentsOf: file), file.path)
            }
            for (command, result) in outputs {
                world.expectNoSecret(in: result.stdout, "\(command) stdout")
                world.expectNoSecret(in: result.stderr, "\(command) stderr")
            }
            let applyLog = outputs.first { $0.0 == "apply" }?.1.stderr ?? ""
            #expect(applyLog.contains(" debug organizer-sync"), "debug logging was on: \(applyLog.prefix(2_000))")
        }
    }
}
