import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// The attacks of issue 10 on the audit log and the state store, each against a real apply on slapd and the
/// simulator: a run must stop instead of writing over the evidence.
@Suite("Tamper evidence: audit log and state store")
struct TamperEvidenceTests {
    /// What is done to the log behind the state store's back.
    enum LogAttack: String, CaseIterable, CustomStringConvertible {
        case cut, deleted, junkTail, extended
        var description: String { rawValue }
    }

    /// A world after `plan`, `apply` and one `reconcile`: 13 records (run-start, an adoption, 4 × intent and
    /// outcome, run-end; run-start, run-end).
    static func withAppliedWorld(
        audit: String? = nil,
        _ body: (ApplyFixture) async throws -> Void
    ) async throws {
        try await ApplyFixture.with(targets: [.standard(.goto)], seed: ApplyCommandTests.lifecycleSeed(.goto)) {
            world in
            if let audit {
                let text = try String(contentsOfFile: world.config, encoding: .utf8) + audit
                try Data(text.utf8).write(to: URL(fileURLWithPath: world.config))
            }
            let made = try await world.plan()
            try #require(made.result.status == 2, "\(made.result)")
            let apply = try await world.run(["apply", made.file])
            try #require(apply.status == 0, "\(apply)")
            let reconcile = try await world.run(["reconcile"])
            try #require(reconcile.status == 0, "\(reconcile)")
            try await body(world)
        }
    }

    static func write(_ lines: [String], to path: String) throws {
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
    }

    static func sha256(_ line: String) -> String { CanonicalJSON.sha256Hex(Data(line.utf8)) }

    @Test(
        "A cut, deleted, junk-tailed or extended log stops the next run (exit 5) naming the first bad line; audit verify says the same; only accept-break lets runs go on",
        arguments: LogAttack.allCases
    )
    func logAttackStopsTheNextRun(attack: LogAttack) async throws {
        try await Self.withAppliedWorld { world in
            let lines = try world.auditLines()
            try #require(lines.count == 13)
            let recorded = try await world.sql("SELECT seq || ':' || hash FROM audit_head WHERE id = 1")
            #expect(recorded == "13:\(Self.sha256(lines[12]))")
            let badLine: Int
            switch attack {
            case .cut:
                try Self.write(Array(lines.dropLast(3)), to: world.auditLog)
                badLine = 11
            case .deleted:
                try FileManager.default.removeItem(atPath: world.auditLog)
                badLine = 1
            case .junkTail:
                try Self.write(Array(lines.dropLast(3)) + ["#junk#", "more junk"], to: world.auditLog)
                badLine = 11
            case .extended:
                let forged =
                    #"{"counts":{},"prev":"\#(Self.sha256(lines[12]))","result":"succeeded","run":"forged","#
                    + #""seq":14,"time":"2026-01-01T00:00:00.000Z","type":"run-end"}"#
                try Self.write(lines + [forged], to: world.auditLog)
                badLine = 14
            }
            let before = try? Data(contentsOf: URL(fileURLWithPath: world.auditLog))

            let run = try await world.run(["reconcile"])
            #expect(run.status == 5, "\(run)")
            #expect(run.stderr.contains("BROKEN at line \(badLine)"), "\(run.stderr)")
            #expect(run.stderr.contains("accept-break"), "\(run.stderr)")
            let after = try? Data(contentsOf: URL(fileURLWithPath: world.auditLog))
            #expect(after == before, "the refused run wrote to the log")
            let made = try await world.plan("again.json")
            let apply = try await world.run(["apply", made.file])
            #expect(apply.status == 5, "\(apply)")

            let verify = try await world.run(["audit", "verify"])
            #expect(verify.status == 5, "\(verify)")
            #expect(verify.stdout.contains("BROKEN at line \(badLine)"), "\(verify.stdout)")

            let accept = try await world.run(["audit", "accept-break", "--reason", "restored from backup"])
            #expect(accept.status == 0, "\(accept)")
            let records = try world.auditRecords()
            let accepted = try #require(records.last)
            #expect(accepted["type"] as? String == "accept-break")
            #expect(accepted["broken_line"] as? Int == badLine)
            #expect(accepted["expected_head"] as? String == recorded)
            #expect(accepted["user"] as? String != nil && accepted["host"] as? String != nil)
            #expect((accepted["message"] as? String)?.contains("restored from backup") == true)

            let resumed = try await world.run(["reconcile"])
            #expect(resumed.status == 0, "\(resumed)")
            let proof = try await world.run(["audit", "verify"])
            #expect(proof.status == 0, "\(proof)")
        }
    }

    @Test("A deleted, zero-length or older state store is refused (exit 8) while history exists, unless --new-state")
    func lostStoreIsRefused() async throws {
        try await Self.withAppliedWorld { world in
            let older = world.folder.appendingPathComponent("older.sqlite").path
            try await world.sql("VACUUM INTO '\(older)'")
            let another = try await world.run(["reconcile"])
            try #require(another.status == 0, "\(another)")
            let current = world.folder.appendingPathComponent("current.sqlite").path
            try await world.sql("VACUUM INTO '\(current)'")
            func replaceStore(with file: String?) throws {
                for suffix in ["", "-wal", "-shm"] {
                    try? FileManager.default.removeItem(atPath: world.database + suffix)
                }
                if let file { try FileManager.default.copyItem(atPath: file, toPath: world.database) }
            }

            try replaceStore(with: nil)
            let plan = try await world.run(["plan"])
            #expect(plan.status == 8, "\(plan)")
            #expect(plan.stderr.contains("missing"), "\(plan.stderr)")
            #expect(plan.stderr.contains("state rebuild --from-audit") && plan.stderr.contains("--new-state"))
            #expect(!FileManager.default.fileExists(atPath: world.database), "plan created the store")
            let reconcile = try await world.run(["reconcile"])
            #expect(reconcile.status == 8, "\(reconcile)")

            _ = FileManager.default.createFile(atPath: world.database, contents: Data())
            let empty = try await world.run(["plan"])
            #expect(empty.status == 8, "\(empty)")
            #expect(empty.stderr.contains("empty (0 bytes)"), "\(empty.stderr)")

            try replaceStore(with: older)
            let stale = try await world.run(["reconcile"])
            #expect(stale.status == 8, "\(stale)")
            #expect(stale.stderr.contains("older than the audit log says"), "\(stale.stderr)")

            try replaceStore(with: current)
            let fine = try await world.run(["plan"])
            #expect(fine.status == 0, "the current store is accepted: \(fine)")

            try replaceStore(with: nil)
            let fresh = try await world.run(["plan", "--new-state"])
            #expect([0, 2].contains(fresh.status), "\(fresh)")
            let renewed = try await world.run(["reconcile", "--new-state"])
            #expect([0, 6].contains(renewed.status), "\(renewed)")
            let start = try #require(try world.auditRecords().last { $0["type"] as? String == "run-start" })
            #expect((start["message"] as? String)?.contains("--new-state") == true, "\(start)")
            #expect(start["state_generation"] as? Int == 1)
            let next = try await world.run(["reconcile"])
            #expect(next.status == 0, "after --new-state runs go on: \(next)")
        }
    }

    @Test("Keyed checkpoints catch a consistent rewrite of log and store that plain verify cannot see")
    func keyedCheckpointsCatchAConsistentRewrite() async throws {
        let keyFolder = try TemporaryDirectory(prefix: "audit-key")
        defer { keyFolder.remove() }
        let keyFile = keyFolder.url.appendingPathComponent("audit.key").path
        try SecretFiles.save("0123456789abcdef0123456789abcdef\n", to: keyFile)
        try await Self.withAppliedWorld(audit: "audit:\n  key_file: \(keyFile)\n") { world in
            var lines = try world.auditLines()
            // run-start, adoption, 4 × (intent, outcome), run-end, checkpoint; run-start, run-end, checkpoint.
            try #require(lines.count == 15)
            let records = try world.auditRecords()
            #expect(records[11]["type"] as? String == "checkpoint" && records[14]["type"] as? String == "checkpoint")
            let intact = try await world.run(["audit", "verify"])
            #expect(intact.status == 0, "\(intact)")
            #expect(intact.stdout.contains("2 checkpoint(s) verified with the key up to seq 14"), "\(intact.stdout)")

            // Rewrite the first intent's email and chain every later line anew; record the new head in the store.
            lines[2] = lines[2].replacingOccurrences(of: "@example.com", with: "@elsewhere.example")
            for index in 3..<lines.count {
                let previous = Self.sha256(lines[index - 1])
                lines[index] = lines[index].replacing(#/"prev":"[0-9a-f]{64}"/#, with: #""prev":"\#(previous)""#)
            }
            try Self.write(lines, to: world.auditLog)
            try await world.sql("UPDATE audit_head SET hash = '\(Self.sha256(lines[14]))' WHERE id = 1")

            let plain = try await world.run(["audit", "verify", "--log", world.auditLog, "--state", world.database])
            #expect(plain.status == 0, "without the key the rewrite passes: \(plain)")
            let keyed = try await world.run(["audit", "verify"])
            #expect(keyed.status == 5, "\(keyed)")
            #expect(keyed.stdout.contains("BROKEN at line 12 (seq 12): checkpoint does not verify"), "\(keyed.stdout)")
            let byFile = try await world.run(["audit", "verify", "--log", world.auditLog, "--key-file", keyFile])
            #expect(byFile.status == 5, "\(byFile)")
        }
    }

    @Test("The audit key must not live in the state folder")
    func keyInStateFolderIsRefused() async throws {
        try await ApplyFixture.with(targets: [.standard(.goto)], seed: ApplyCommandTests.lifecycleSeed(.goto)) {
            world in
            let key = world.stateFolder.appendingPathComponent("audit.key").path
            let text = try String(contentsOfFile: world.config, encoding: .utf8) + "audit:\n  key_file: \(key)\n"
            try Data(text.utf8).write(to: URL(fileURLWithPath: world.config))
            let plan = try await world.run(["plan"])
            #expect(plan.status == 1, "\(plan)")
            #expect(plan.stderr.contains("must not live in the state folder"), "\(plan.stderr)")
        }
    }

    @Test("Each run's head goes to the head file; audit verify --against finds a log cut with its store")
    func headLeavesTheMachine() async throws {
        let outside = try TemporaryDirectory(prefix: "audit-heads")
        defer { outside.remove() }
        let heads = outside.url.appendingPathComponent("heads.log").path
        try await Self.withAppliedWorld(audit: "audit:\n  head_file: \(heads)\n") { world in
            let sent = try String(contentsOfFile: heads, encoding: .utf8).split(separator: "\n")
            let lines = try world.auditLines()
            #expect(sent.count == 2)
            #expect(sent.last?.hasSuffix("seq=13 sha256=\(Self.sha256(lines[12]))") == true, "\(sent)")
            let fits = try await world.run(["audit", "verify", "--against", heads])
            #expect(fits.status == 0, "\(fits)")

            // Cut the last run off the log and record the earlier head in the store: consistent, but not with
            // the heads that left the machine.
            try Self.write(Array(lines.prefix(11)), to: world.auditLog)
            try await world.sql("UPDATE audit_head SET seq = 11, hash = '\(Self.sha256(lines[10]))' WHERE id = 1")
            let local = try await world.run(["audit", "verify"])
            #expect(local.status == 0, "the local head agrees: \(local)")
            let against = try await world.run(["audit", "verify", "--against", heads])
            #expect(against.status == 5, "\(against)")
            #expect(against.stdout.contains("ended at seq 13, but the log ends at seq 11"), "\(against.stdout)")
        }
    }
}
