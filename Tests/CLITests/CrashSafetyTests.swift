import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// `kill -9` in the middle of `apply`, then a rerun: nothing lost, nothing done twice, the audit log proven.
@Suite("organizer-sync crash safety")
struct CrashSafetyTests {
    /// Where the apply is killed, read off the audit log as it grows.
    enum KillPoint: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// As soon as the first intent record is there: its provider call is in flight.
        case afterFirstIntent
        /// Once three changes have their outcome, others in flight.
        case middle
        /// As soon as the first outcome record is there (within the 10 ms the log is polled at).
        case afterOutcome
        /// Like `middle`, then the last line is cut in half, as a write torn by the crash leaves it.
        case tornLastLine

        var testDescription: String { rawValue }

        /// Whether the log as it is now has reached this point.
        func isReached(_ records: [[String: Any]]) -> Bool {
            let intents = records.count { $0["type"] as? String == "intent" }
            let outcomes = records.count { $0["type"] as? String == "outcome" }
            switch self {
            case .afterFirstIntent: return intents >= 1
            case .afterOutcome: return outcomes >= 1
            case .middle, .tornLastLine: return outcomes >= 3
            }
        }
    }

    /// The users who get a new account: alice and user01…user06.
    static let newUsers = ["alice@example.com"] + TestPerson.many(6).map(\.email)

    /// The path of a create request at `provider` (licence assignments excluded).
    static func isCreate(_ request: LoggedRequest, _ provider: SimulatorProvider) -> Bool {
        guard request.method == "POST" else { return false }
        switch provider {
        case .goto: return request.path.hasSuffix("/users") && !request.path.contains("/licenses/")
        case .zoom: return request.path.hasSuffix("/v2/users")
        case .webex: return request.path.hasSuffix("/v1/people")
        }
    }

    @Test(
        "kill -9 during apply, then reruns converge: one account per user, no change twice, the log intact",
        arguments: [SimulatorProvider.goto, .zoom, .webex],
        KillPoint.allCases
    )
    func killAndRerun(provider: SimulatorProvider, point: KillPoint) async throws {
        try await ApplyFixture.with(
            people: TestPerson.standard + TestPerson.many(6),
            targets: [.standard(provider)],
            seed: ApplyCommandTests.lifecycleSeed(provider),
            concurrency: 2
        ) { world in
            let made = try await world.plan()
            try #require(made.result.status == 2, "\(made.result)")
            let planned = try #require(made.plan?.targets.first?.actions.count)

            // Slow providers, so the kill lands mid-run.
            await world.setLatency(milliseconds: 120)
            let apply = try await world.start(["apply", made.file, "--log-level", "info"])
            try await waitUntil("the apply reaches \(point)") {
                if apply.hasEnded {
                    throw ProcessRunnerError("the apply ended before \(point): \(try await apply.wait())")
                }
                return point.isReached((try? world.auditRecords()) ?? [])
            }
            apply.kill()
            let killed = try await apply.wait()
            #expect(killed.status == 128 + 9, "\(killed)")
            #expect(world.lockHolder() == apply.pid, "the note stays, but the kernel released the lock")

            // Files as the crash left them (the state database's WAL included) hold no secret.
            for file in try Self.files(under: world.stateFolder) {
                world.expectNoSecret(in: try Data(contentsOf: file), file.lastPathComponent)
            }

            var lines = try world.auditLines()
            let outcomesAtKill = try world.auditRecords().count { $0["type"] as? String == "outcome" }
            #expect(outcomesAtKill < planned, "the apply was killed before it was done")
            if point == .tornLastLine {
                let last = lines.removeLast()
                let torn = String(last.prefix(last.count / 2))
                try Data((lines + [torn]).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: world.auditLog))
                lines.append(torn)
            }
            let verify = try await world.run(["audit", "verify", "--format", "json"])
            let verdict = try #require(
                try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any]
            )
            let problem = verdict["problem"] as? [String: Any]
            if point == .tornLastLine {
                #expect(verify.status == 5, "\(verify)")
                #expect(problem?["kind"] as? String == "torn")
                #expect(problem?["line"] as? Int == lines.count, "the torn line is named: \(verify.stdout)")
            } else {
                // A record is written with one write(2): a kill leaves whole lines.
                #expect(verify.status == 0, "\(verify)")
                #expect(verdict["recordCount"] as? Int == lines.count)
            }

            // The same plan again, at full speed.
            await world.setLatency(milliseconds: 0)
            let rerun = try await world.run(["apply", made.file])
            #expect([0, 6].contains(rerun.status), "\(rerun)")
            #expect(!rerun.stdout.contains("FAIL"), "\(rerun.stdout)")
            if point == .tornLastLine {
                // The torn line's seal (recovered records with an intent_seq resolve intents the kill left open).
                let recovered = try world.auditRecords().filter {
                    $0["type"] as? String == "recovered" && $0["torn_line"] != nil
                }
                #expect(recovered.count == 1)
                #expect(recovered.first?["torn_line"] as? Int == lines.count, "\(recovered)")
            }
            // Then a fresh plan, applied if anything is left, and the next plan is empty.
            let fresh = try await world.plan("fresh.json")
            #expect([0, 2].contains(fresh.result.status), "\(fresh.result)")
            if fresh.result.status == 2 {
                let applied = try await world.run(["apply", fresh.file])
                #expect(applied.status == 0, "\(applied)")
            }
            let last = try await world.run(["plan"])
            #expect(last.status == 0, "\(last)")

            // One account per user, every change made once.
            let accounts = await world.accounts(provider)
            let emails = accounts.map { $0.email.lowercased() }
            #expect(Set(emails).count == emails.count, "a duplicate account: \(emails.sorted())")
            for email in Self.newUsers { #expect(emails.contains(email), "\(email) has no account") }
            for leaver in ["carol@example.com", "dave@example.com"] {
                #expect(accounts.first { $0.email == leaver }?.status == .inactive, "\(leaver) is not suspended")
            }
            let creates = await world.writeRequests().filter { Self.isCreate($0, provider) }
            #expect(creates.count == Self.newUsers.count, "create requests: \(creates.map(\.path))")
            let changes = try world.succeededChanges()
            #expect(Set(changes).count == changes.count, "a change recorded as made twice: \(changes)")
            #expect(changes.count <= planned)

            let proof = try await world.run(["audit", "verify", "--format", "json"])
            #expect(proof.status == 0, "\(proof)")
            if point == .tornLastLine {
                let sealed = try JSONSerialization.jsonObject(with: Data(proof.stdout.utf8)) as? [String: Any]
                #expect(sealed?["sealedTornLines"] as? [Int] == [lines.count], "\(proof.stdout)")
            }
        }
    }

    /// `audit verify --log FILE --format json` on `lines` written to a copy: the exit status and the problem.
    static func verify(
        _ lines: [String],
        _ name: String,
        in world: ApplyFixture,
        cut: Int = 0
    ) async throws -> (status: Int32, problem: [String: Any]?) {
        let copy = world.folder.appendingPathComponent("\(name).jsonl").path
        let bytes = Data(lines.map { $0 + "\n" }.joined().utf8)
        try bytes.dropLast(cut).write(to: URL(fileURLWithPath: copy))
        let result = try await world.run(["audit", "verify", "--log", copy, "--format", "json"])
        let verdict = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result.status, verdict?["problem"] as? [String: Any])
    }

    @Test(
        "audit verify names the line of each tampering of a real run's log: edit, delete, swap, cut mid-line or records"
    )
    func auditTampering() async throws {
        try await TamperEvidenceTests.withAppliedWorld { world in
            let lines = try world.auditLines()
            // run-start, adoption (an existing account matched by email), 4 × (intent, outcome), run-end;
            // run-start, run-end.
            try #require(lines.count == 13)
            // Adopting the existing account as managed is on record: who, which account, why.
            let adoptions = try world.auditRecords().filter { $0["type"] as? String == "adoption" }
            #expect(adoptions.count == 1, "\(adoptions)")
            for adoption in adoptions {
                #expect(adoption["email"] as? String == "bob@example.com", "\(adoption)")
                #expect(
                    adoption["anchor"] as? String != nil && adoption["provider_id"] as? String != nil,
                    "\(adoption)"
                )
                #expect((adoption["reasons"] as? [String])?.isEmpty == false, "\(adoption)")
            }

            // The head the state store recorded after the last run is the log's.
            let recorded = try await world.sql("SELECT seq || ':' || hash FROM audit_head WHERE id = 1")
            let intact = try await world.run(["audit", "verify", "--format", "json"])
            #expect(intact.status == 0, "\(intact)")
            let verdict = try JSONSerialization.jsonObject(with: Data(intact.stdout.utf8)) as? [String: Any]
            let head = verdict?["head"] as? [String: Any]
            #expect("\(head?["seq"] as? Int ?? -1):\(head?["hash"] as? String ?? "")" == recorded)
            #expect(recorded.hasPrefix("13:"))

            // Edit a field: the email of the first intent (line 3).
            var edited = lines
            #expect(edited[2].contains(#""type":"intent""#))
            edited[2] = edited[2].replacingOccurrences(of: "@example.com", with: "@elsewhere.example")
            let edit = try await Self.verify(edited, "edited", in: world)
            #expect(edit.status == 5)
            #expect(edit.problem?["kind"] as? String == "edited" && edit.problem?["line"] as? Int == 3, "\(edit)")

            // Delete line 4 (an outcome): the gap is named at the line after it, seq 5.
            var deleted = lines
            deleted.remove(at: 3)
            let delete = try await Self.verify(deleted, "deleted", in: world)
            #expect(delete.status == 5)
            #expect(
                delete.problem?["kind"] as? String == "removed" && delete.problem?["line"] as? Int == 4,
                "\(delete)"
            )
            #expect(delete.problem?["seq"] as? Int == 5)

            // Swap lines 5 and 6.
            var swapped = lines
            swapped.swapAt(4, 5)
            let swap = try await Self.verify(swapped, "swapped", in: world)
            #expect(swap.status == 5)
            #expect(swap.problem?["kind"] as? String == "reordered" && swap.problem?["line"] as? Int == 5, "\(swap)")

            // Truncate the file in the middle of line 7.
            let cutMidLine = try await Self.verify(
                Array(lines.prefix(7)),
                "cut-mid-line",
                in: world,
                cut: lines[6].utf8.count / 2 + 1
            )
            #expect(cutMidLine.status == 5)
            #expect(
                cutMidLine.problem?["kind"] as? String == "torn" && cutMidLine.problem?["line"] as? Int == 7,
                "\(cutMidLine)"
            )

            // Cut the last four whole records off the configured log: the chain alone cannot tell, the head the
            // state store recorded can.
            let cut = Array(lines.dropLast(4))
            try Data(cut.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: world.auditLog))
            let withHead = try await world.run(["audit", "verify", "--expect-head", recorded])
            #expect(withHead.status == 5, "\(withHead)")
            #expect(
                withHead.stdout.contains("BROKEN at line 10: log truncated: the log ends at seq 9 (line 9)"),
                "\(withHead.stdout)"
            )
            // Without --expect-head, audit verify compares the log with the head the configured state store
            // recorded (StateDatabase.lastAuditHead()); with --log, --state names the store.
            let fromState = try await world.run(["audit", "verify"])
            #expect(
                fromState.status == 5,
                "audit verify should compare the log with the state store's head: \(fromState)"
            )
            #expect(fromState.stdout.contains("log truncated"), "\(fromState.stdout)")
            let copy = try await Self.verify(cut, "cut-records", in: world)
            #expect(copy.status == 0, "a copy checked without a head: the chain alone cannot tell")
            let withState = try await world.run([
                "audit", "verify", "--log", world.folder.appendingPathComponent("cut-records.jsonl").path, "--state",
                world.database,
            ])
            #expect(withState.status == 5, "\(withState)")
            #expect(withState.stdout.contains("log truncated"))
        }
    }

    /// Every regular file below `folder`.
    static func files(under folder: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return try walker.compactMap { $0 as? URL }.filter {
            try $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true
        }
    }
}
