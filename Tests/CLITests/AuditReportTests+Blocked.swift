import Foundation
import OrganizerSyncTestSupport
import Testing

extension AuditReportTests {
    @Test(
        "A gate-blocked apply is recorded: run-start with who and why, run-end blocked naming the gate; the report counts it"
    )
    func blockedApplyIsRecorded() async throws {
        try await Self.story { world in
            let file = world.folder.appendingPathComponent("plan.json").path
            let made = try await world.run(["plan", "--out", file, "--ticket", "CHG-7"])
            try #require(made.status == 3, "the deletes trip their gate: \(made)")

            let blocked = try await world.run(["apply", file, "--reason", "first try"])
            #expect(blocked.status == 3, "\(blocked)")
            #expect(blocked.stderr.contains("the plan is blocked by threshold.deletes.count"), "\(blocked.stderr)")
            #expect(await world.writeRequests().isEmpty, "nothing was sent to a provider")

            let records = try world.auditRecords()
            #expect(records.map { $0["type"] as? String } == ["run-start", "run-end"], "\(records)")
            let start = try #require(records.first)
            #expect(start["reason"] as? String == "first try")
            #expect(start["ticket"] as? String == "CHG-7", "the plan's ticket: \(start)")
            #expect((start["plan_digest"] as? String)?.hasPrefix("sha256:") == true)
            #expect(start["user"] as? String != nil && start["uid"] as? Int == Int(geteuid()))
            let end = try #require(records.last)
            #expect(end["result"] as? String == "blocked")
            #expect(end["run"] as? String == start["run"] as? String)
            #expect(end["message"] as? String == "blocked by threshold.deletes.count; nothing was changed")

            let json = try await Self.report(world, "json")
            let summary = try #require(json["summary"] as? [String: Any])
            #expect(summary["runs"] as? Int == 1)
            #expect(summary["blockedRuns"] as? Int == 1)
            #expect(summary["changes"] as? Int == 0)
            let run = try #require((json["runs"] as? [[String: Any]])?.first)
            #expect(run["result"] as? String == "blocked")
            #expect(run["reason"] as? String == "first try")
            #expect(run["ending"] as? String == "blocked by threshold.deletes.count; nothing was changed")
            let markdown = try await Self.text(world, "markdown")
            #expect(markdown.contains("| Blocked runs | 1 |"), "\(markdown)")
            #expect(markdown.contains(#"blocked by threshold.deletes.count; nothing was changed"#), "\(markdown)")
        }
    }
}
