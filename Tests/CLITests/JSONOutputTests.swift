import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

/// What machines read: `--log-format json` on standard error, `--format json` of validate, apply and reconcile.
@Suite("JSON logs and JSON output")
struct JSONOutputTests {
    /// Every line of `text` as a JSON object; records an issue for each line that is not one.
    static func jsonLines(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [[String: Any]] {
        text.split(separator: "\n").compactMap { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if object == nil { Issue.record("not a JSON object: \(line)", sourceLocation: sourceLocation) }
            return object
        }
    }

    /// Standard output as one JSON object.
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "stdout: \(text)")
    }

    @Test("plan --log-format json: only JSON lines on stderr, each with ts, level, logger, msg and the same run_id")
    func planLogsJSON() async throws {
        try await ApplyFixture.with(targets: [.standard(.zoom), .standard(.webex)]) { world in
            let result = try await world.run(["plan", "--log-format", "json", "--log-level", "trace"])
            #expect(result.status == 2, "\(result)")
            let lines = Self.jsonLines(result.stderr)
            #expect(lines.count >= 5, "trace level logs the run's steps: \(result.stderr)")
            for line in lines {
                for key in ["ts", "level", "logger", "msg", "run_id"] {
                    #expect(line[key] is String, "no \(key) in \(line)")
                }
            }
            #expect(Set(lines.compactMap { $0["run_id"] as? String }).count == 1)
            world.expectNoSecret(in: result.stderr, "the JSON log")
            #expect(result.stdout.contains("Target zoom (zoom)"), "results stay on stdout")
        }
    }

    @Test("apply and reconcile --format json: format_version 1, the run's counts; the log's run_id is the audit run")
    func applyAndReconcileJSON() async throws {
        try await ApplyFixture.with(targets: [.standard(.zoom)]) { world in
            let (_, file, _) = try await world.plan()
            let apply = try await world.run([
                "apply", file, "--format", "json", "--log-format", "json", "--log-level", "info",
            ])
            let output = try Self.object(apply.stdout)
            #expect(output["format_version"] as? Int == 1)
            #expect(output["command"] as? String == "apply")
            #expect(output["exitCode"] as? Int == Int(apply.status))
            #expect(output["result"] as? String == "succeeded", "\(apply)")
            let run = try #require(output["run"] as? String)
            let targets = try #require(output["targets"] as? [[String: Any]])
            #expect(targets.map { $0["name"] as? String } == ["zoom"])
            #expect(((targets[0]["applied"] as? [String: Int])?["succeeded"] ?? 0) > 0)
            #expect(try world.auditRecords().contains { $0["run"] as? String == run })
            let logs = Self.jsonLines(apply.stderr)
            #expect(!logs.isEmpty && logs.allSatisfy { $0["run_id"] as? String == run }, "\(apply.stderr)")
            world.expectNoSecret(in: apply.stdout + apply.stderr, "apply's JSON")

            let reconcile = try await world.run(["reconcile", "--format", "json"])
            #expect(reconcile.status == 0, "\(reconcile)")
            let summary = try Self.object(reconcile.stdout)
            #expect(summary["format_version"] as? Int == 1)
            #expect(summary["command"] as? String == "reconcile")
            #expect(summary["result"] as? String == "succeeded")
            #expect(summary["exitCode"] as? Int == 0)
            #expect((summary["targets"] as? [[String: Any]])?.first?["planned"] as? [String: Int] == [:])

            let refused = try await world.run([
                "apply", world.folder.appendingPathComponent("none.json").path, "--format", "json",
            ])
            #expect(refused.status != 0)
            let failure = try Self.object(refused.stdout)
            #expect(failure["result"] as? String == "failed")
            #expect(failure["exitCode"] as? Int == Int(refused.status))
            #expect(failure["error"] is String)
        }
    }

    @Test("validate --format json: format_version 1, valid, one object per check")
    func validateJSON() async throws {
        try await ApplyFixture.with(targets: [.standard(.zoom)]) { world in
            let good = try await world.run(["validate", "--format", "json"])
            #expect(good.status == 0, "\(good)")
            let output = try Self.object(good.stdout)
            #expect(output["format_version"] as? Int == 1)
            #expect(output["command"] as? String == "validate")
            #expect(output["valid"] as? Bool == true)
            let checks = try #require(output["checks"] as? [[String: Any]])
            #expect(checks.contains { $0["check"] as? String == "directory" && $0["status"] as? String == "ok" })
            #expect(
                checks.contains {
                    $0["check"] as? String == "connection" && $0["target"] as? String == "zoom"
                        && $0["status"] as? String == "ok"
                }
            )
            try FileManager.default.removeItem(at: world.folder.appendingPathComponent("zoom.secret"))
            let missing = try await world.run(["validate", "--offline", "--format", "json"])
            #expect(missing.status == 1)
            let bad = try Self.object(missing.stdout)
            #expect(bad["valid"] as? Bool == false)
            #expect(
                (bad["checks"] as? [[String: Any]])?.contains {
                    $0["check"] as? String == "credentials" && $0["status"] as? String == "missing"
                } == true
            )
        }
    }
}
