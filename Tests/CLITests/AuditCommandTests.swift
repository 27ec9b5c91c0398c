import Foundation
import OrganizerSyncTestSupport
import SyncPlanning
import Testing

/// `organizer-sync audit verify|show|export` run as the built binary on logs written here line by line, the way
/// the writer writes them (sorted keys, each `prev` the SHA-256 of the line before).
@Suite("organizer-sync audit")
struct AuditCommandTests {
    /// A log of one run: run-start, an intent and outcome per account, run-end.
    struct Log {
        let folder: TemporaryDirectory
        let path: String
        var lines: [String]

        init(accounts: [String] = ["ada@example.com", "grace@example.com"]) throws {
            folder = try TemporaryDirectory(prefix: "audit-cli")
            path = folder.url.appendingPathComponent("audit.jsonl").path
            var bodies = [
                #""command":"organizer-sync apply plan.json","config_digest":"c1","host":"sync01","plan_digest":"p1","#
                    + #""tool_version":"0.1.0","type":"run-start","user":"svc-sync""#
            ]
            for (index, email) in accounts.enumerated() {
                let common =
                    #""action":"update","after":{"displayName":"Name, \#(index)"},"anchor":"anchor-\#(index)","#
                    + #""email":"\#(email)","provider":"zoom","provider_id":"id-\#(index)","#
                bodies.append(common + #""reasons":["displayName differs"],"target":"zoom-prod","type":"intent""#)
                bodies.append(
                    common + #""result":"succeeded","target":"zoom-prod","tracking_id":"t-\#(index)","type":"outcome""#
                )
            }
            bodies.append(#""counts":{"succeeded":\#(accounts.count)},"result":"succeeded","type":"run-end""#)
            lines = Self.chain(bodies)
            try write()
        }

        /// Chains record bodies: adds prev, run, seq and time (the keys sort into the same places as the writer's
        /// output only when the body's keys are before or after them accordingly; the chain does not care).
        static func chain(_ bodies: [String]) -> [String] {
            var previous = String(repeating: "0", count: 64)
            var lines: [String] = []
            for (index, body) in bodies.enumerated() {
                let seq = index + 1
                let time = "2025-03-01T09:\(seq < 10 ? "0" : "")\(seq):00.000Z"
                let line = "{\(body),\"prev\":\"\(previous)\",\"run\":\"run-1\",\"seq\":\(seq),\"time\":\"\(time)\"}"
                lines.append(line)
                previous = CanonicalJSON.sha256Hex(Data(line.utf8))
            }
            return lines
        }

        var head: String { "\(lines.count):\(CanonicalJSON.sha256Hex(Data(lines[lines.count - 1].utf8)))" }

        func write() throws {
            try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        }
    }

    func audit(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        try await runProcess(BuiltProducts.path(of: "organizer-sync"), ["audit"] + arguments, timeout: 60)
    }

    @Test("verify: an intact log exits 0 with the record count and head")
    func verifyIntact() async throws {
        let log = try Log()
        defer { log.folder.remove() }
        let result = try await audit(["verify", "--log", log.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let hash = log.head.split(separator: ":")[1]
        #expect(result.stdout == "audit log \(log.path): intact, 6 records, head seq 6 sha256 \(hash)\n")
        let withHead = try await audit(["verify", "--log", log.path, "--expect-head", log.head])
        #expect(withHead.status == 0)
    }

    @Test("verify: an edited record exits 5 and names the line")
    func verifyEdited() async throws {
        var log = try Log()
        defer { log.folder.remove() }
        log.lines[2] = log.lines[2].replacingOccurrences(of: "ada@example.com", with: "eve@example.com")
        try log.write()
        let result = try await audit(["verify", "--log", log.path])
        #expect(result.status == 5)
        #expect(result.stdout.hasPrefix("audit log \(log.path): BROKEN at line 3 (seq 3): record edited: its SHA-256 "))
        #expect(result.stdout.contains("does not match the prev of the next record (line 4, seq 4)"))
    }

    @Test("verify: a deleted line, swapped lines and a cut tail exit 5, each named")
    func verifyOtherTampering() async throws {
        var log = try Log()
        defer { log.folder.remove() }
        let original = log.lines
        log.lines.remove(at: 3)
        try log.write()
        let removed = try await audit(["verify", "--log", log.path])
        #expect(removed.status == 5)
        #expect(removed.stdout.contains("BROKEN at line 4 (seq 5): records removed: seq 4 is missing"))

        log.lines = original
        log.lines.swapAt(1, 2)
        try log.write()
        let swapped = try await audit(["verify", "--log", log.path])
        #expect(swapped.status == 5)
        #expect(swapped.stdout.contains("BROKEN at line 2 (seq 3): records reordered: lines 2 and 3 are swapped"))

        log.lines = original
        let head = log.head
        log.lines.removeLast(2)
        try log.write()
        await #expect(try audit(["verify", "--log", log.path]).status == 0, "the chain alone cannot see a cut tail")
        let cut = try await audit(["verify", "--log", log.path, "--expect-head", head])
        #expect(cut.status == 5)
        #expect(cut.stdout.contains("BROKEN at line 5: log truncated: the log ends at seq 4 (line 4)"))

        try Data((original.joined(separator: "\n") + "\n").utf8.dropLast(10)).write(to: URL(fileURLWithPath: log.path))
        let torn = try await audit(["verify", "--log", log.path, "--format", "json"])
        #expect(torn.status == 5)
        let verdict = try JSONSerialization.jsonObject(with: Data(torn.stdout.utf8)) as? [String: Any]
        let problem = verdict?["problem"] as? [String: Any]
        #expect(problem?["kind"] as? String == "torn")
        #expect(problem?["line"] as? Int == 6)
    }

    @Test("verify: a missing log exits 1, a malformed --expect-head is a usage error")
    func verifyErrors() async throws {
        let folder = try TemporaryDirectory(prefix: "audit-cli")
        defer { folder.remove() }
        let missing = try await audit(["verify", "--log", folder.url.appendingPathComponent("none.jsonl").path])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("none.jsonl: no such file; check state.audit_log (or --log)"))
        let usage = try await audit(["verify", "--log", "x", "--expect-head", "12"])
        #expect(usage.status == 64)
    }

    @Test("verify without --log reads state.audit_log from the configuration")
    func verifyFromConfiguration() async throws {
        let log = try Log()
        defer { log.folder.remove() }
        let config = log.folder.url.appendingPathComponent("organizer-sync.yaml").path
        let yaml = """
            mappings_dir: \(SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path)
            \(unreachableDirectoryYAML)
            state:
              audit_log: audit.jsonl
            """
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try await audit(["verify", "--config", config])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("audit log \(log.path): intact, 6 records"))
    }

    @Test("show: a table of the records that match, or their exact lines as JSON Lines")
    func show() async throws {
        let log = try Log()
        defer { log.folder.remove() }
        let all = try await audit(["show", "--log", log.path])
        #expect(all.status == 0, "stderr: \(all.stderr)")
        let rows = all.stdout.split(separator: "\n").map(String.init)
        #expect(
            rows.first?.split(separator: " ", omittingEmptySubsequences: true) == [
                "SEQ", "TIME", "RUN", "TYPE", "TARGET", "ACTION", "EMAIL", "RESULT",
            ]
        )
        #expect(rows.count == 8)
        #expect(rows.last == "records: 6 of 6")
        #expect(all.stderr.isEmpty)

        let grace = try await audit(["show", "--log", log.path, "--account", "GRACE@example.com", "--type", "outcome"])
        let graceRows = grace.stdout.split(separator: "\n").map(String.init)
        #expect(graceRows.count == 3)
        #expect(graceRows[1].contains("outcome") && graceRows[1].contains("grace@example.com"))
        #expect(graceRows[1].contains("succeeded") && graceRows[1].contains("zoom-prod"))

        let json = try await audit([
            "show", "--log", log.path, "--format", "json", "--since", "2025-03-01T09:02:00Z",
            "--until", "2025-03-01T09:04:00Z",
        ])
        #expect(json.stdout == log.lines[1] + "\n" + log.lines[2] + "\n")

        let bad = try await audit(["show", "--log", log.path, "--since", "last tuesday"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("not an ISO 8601 date"))
    }

    @Test("show and export work on a broken log, with a warning on standard error")
    func brokenLogStillShown() async throws {
        var log = try Log()
        defer { log.folder.remove() }
        log.lines.remove(at: 1)
        log.lines.insert("garbage", at: 2)
        try log.write()
        let result = try await audit(["show", "--log", log.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: the audit log's chain does not verify (BROKEN at line 2"))
        #expect(result.stderr.contains("1 line(s) are not records and were skipped (line 3)"))
        #expect(result.stdout.hasSuffix("records: 5 of 5\n"))
        let export = try await audit(["export", "--log", log.path, "--format", "json"])
        #expect(export.status == 0)
        #expect(export.stderr.contains("does not verify"))
    }

    @Test("export: CSV to a private file with RFC 4180 quoting; JSON to standard output")
    func export() async throws {
        let log = try Log()
        defer { log.folder.remove() }
        let out = log.folder.url.appendingPathComponent("export.csv").path
        let csv = try await audit(["export", "--log", log.path, "--format", "csv", "--out", out, "--action", "update"])
        #expect(csv.status == 0, "stderr: \(csv.stderr)")
        #expect(csv.stdout == "4 records written to \(out)\n")
        let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let rows = text.components(separatedBy: "\r\n")
        #expect(rows.count == 6)
        #expect(rows[0].hasPrefix("seq,time,run,type,target,provider,action,email,anchor,provider_id,result,"))
        #expect(rows[1].hasPrefix("2,2025-03-01T09:02:00.000Z,run-1,intent,zoom-prod,zoom,update,ada@example.com,"))
        #expect(rows[1].contains(#","{""displayName"":""Name, 0""}","#), "JSON in a cell, quoted")

        let json = try await audit([
            "export", "--log", log.path, "--format", "json", "--run", "run-1", "--type", "run-end",
        ])
        #expect(json.status == 0)
        #expect(json.stdout == "[\n\(log.lines[5])\n]\n")
        let none = try await audit(["export", "--log", log.path, "--format", "json", "--run", "other"])
        #expect(none.stdout == "[]\n")
    }
}
