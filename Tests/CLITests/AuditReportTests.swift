import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

/// Attribution and `audit report` end to end: the demo story with `--reason`, a gate override and a failure at
/// the provider (Zoom's daily create cap), then the report in its three formats, each checked against the log.
@Suite struct AuditReportTests {
    /// Webex deletes three leavers (one more than `max_deletes` allows: a gate to override); Zoom refuses every
    /// create (its daily cap is 0): a failure with the provider's answer.
    static func story(_ body: (ApplyFixture) async throws -> Void) async throws {
        let webex = TestTarget.standard(
            .webex,
            policy: "{ deprovision: delete, max_creates: { count: 100 }, max_suspends: { count: 100, share: 1.0 }, "
                + "max_deletes: { count: 1 } }"
        )
        let seed = ApplyCommandTests.lifecycleSeed(.webex).placing(TestPerson.standard("frank"), on: .webex, slot: 4)
        try await ApplyFixture.with(targets: [webex, .standard(.zoom)], seed: seed, concurrency: 1) { world in
            var knobs = await world.simulator.knobs()
            knobs.hostile.zoomCreateDailyCap = 0
            await world.simulator.setKnobs(knobs)
            let config = try String(contentsOfFile: world.config, encoding: .utf8)
            try config.replacingOccurrences(of: "apply:\n", with: "apply:\n  require_reason: true\n")
                .write(toFile: world.config, atomically: true, encoding: .utf8)
            try await body(world)
        }
    }

    @Test(
        "apply.require_reason refuses an apply without --reason (exit 64, nothing changed); the run-start record says who, why, which plan and which overrides"
    )
    func attributionIsRecorded() async throws {
        try await Self.story { world in
            let file = world.folder.appendingPathComponent("plan.json").path
            let made = try await world.run(["plan", "--out", file, "--reason", "December leavers", "--ticket", "CHG-7"])
            try #require(made.status == 3, "the deletes trip their gate: \(made)")

            let bare = try await world.run(["apply", file, "--override", "threshold.deletes.count"])
            #expect(bare.status == 64, "\(bare)")
            #expect(bare.stderr.contains("apply.require_reason"), "\(bare.stderr)")
            #expect(await world.writeRequests().isEmpty, "nothing was sent to a provider")
            #expect(!FileManager.default.fileExists(atPath: world.auditLog), "a refused apply starts no run")

            let badTicket = try await world.run(["apply", file, "--reason", "ok", "--ticket", "CHG 7; rm -rf /"])
            #expect(badTicket.status == 64, "\(badTicket)")
            #expect(!badTicket.stderr.contains("rm -rf"), "the error does not echo the ticket")

            let applied = try await world.run([
                "apply", file, "--override", "threshold.deletes.count", "--reason", "approved in CAB 12",
            ])
            #expect(applied.status == 6, "Zoom refuses the creates: \(applied)")
            let start = try #require(try world.auditRecords().first { $0["type"] as? String == "run-start" })
            #expect(start["reason"] as? String == "approved in CAB 12")
            #expect(start["ticket"] as? String == "CHG-7", "the plan's ticket, as apply gave none: \(start)")
            #expect(start["overrides"] as? [String] == ["threshold.deletes.count"])
            #expect(start["uid"] as? Int == Int(geteuid()))
            let user = try #require(start["user"] as? String)
            let host = try #require(start["host"] as? String)
            #expect(start["plan_maker"] as? String == "\(user)@\(host)", "the same account made the plan: \(start)")
            #expect((start["plan_digest"] as? String)?.hasPrefix("sha256:") == true)
        }
    }
}

extension AuditReportTests {
    @Test("audit report in JSON, Markdown and HTML says what the log says: runs, changes, failures, who and why")
    func reportMatchesTheLog() async throws {
        try await Self.story { world in
            let file = world.folder.appendingPathComponent("plan.json").path
            let made = try await world.run(["plan", "--out", file, "--ticket", "CHG-7"])
            try #require(made.status == 3, "\(made)")
            let applied = try await world.run([
                "apply", file, "--override", "threshold.deletes.count", "--reason", "approved in CAB 12",
            ])
            try #require(applied.status == 6, "\(applied)")
            let reconciled = try await world.run(["reconcile", "--reason", "nightly <b>catch-up</b> | ok"])
            #expect(reconciled.status == 6, "Zoom still refuses the creates: \(reconciled)")

            let records = try world.auditRecords()
            let starts = records.filter { $0["type"] as? String == "run-start" }
            let intents = records.filter { $0["type"] as? String == "intent" }
            let outcomes = records.filter { $0["type"] as? String == "outcome" }
            let failed = outcomes.filter { $0["result"] as? String == "failed" }
            try #require(starts.count == 2 && !failed.isEmpty, "\(records.count) records")

            // JSON: the figures and every run's who and why, against the log.
            let json = try await Self.report(world, "json")
            let summary = try #require(json["summary"] as? [String: Any])
            #expect(summary["runs"] as? Int == starts.count)
            #expect(summary["changes"] as? Int == outcomes.count, "every change of a finished run has one outcome")
            #expect(outcomes.count > intents.count, "Zoom's second create was skipped before it was tried")
            let skipped = outcomes.count { $0["result"] as? String == "skipped" }
            #expect((summary["changesByResult"] as? [String: Int])?["skipped"] == skipped)
            #expect(summary["failures"] as? Int == failed.count)
            #expect(summary["overriddenRuns"] as? Int == 1)
            #expect((json["verification"] as? [String: Any])?["intact"] as? Bool == true)
            #expect(json["formatVersion"] as? Int == 1)
            let runs = try #require(json["runs"] as? [[String: Any]])
            #expect(runs.map { $0["id"] as? String } == starts.map { $0["run"] as? String })
            #expect(runs.map { $0["user"] as? String } == starts.map { $0["user"] as? String })
            #expect(runs.first?["reason"] as? String == "approved in CAB 12")
            #expect(runs.first?["ticket"] as? String == "CHG-7")
            #expect(runs.first?["overrides"] as? [String] == ["threshold.deletes.count"])
            #expect(runs.last?["reason"] as? String == "nightly <b>catch-up</b> | ok")
            let changes = runs.flatMap { $0["changes"] as? [[String: Any]] ?? [] }
            let deletes = changes.filter { $0["kind"] as? String == "delete" }
            #expect(deletes.count == 3 && deletes.allSatisfy { $0["result"] as? String == "succeeded" })
            let intentReasons = intents.filter { $0["action"] as? String == "delete" }.map {
                $0["reasons"] as? [String]
            }
            #expect(deletes.map { $0["reasons"] as? [String] } == intentReasons, "the directory's reason, as logged")
            let failures = changes.filter { $0["result"] as? String == "failed" }
            #expect(failures.count == failed.count)
            #expect(failures.allSatisfy { $0["httpStatus"] as? Int == 429 }, "the provider's answer: \(failures)")

            // Markdown: the same figures and words, escaped.
            let markdown = try await Self.text(world, "markdown")
            #expect(markdown.contains("| Runs | \(starts.count) |"), "\(markdown)")
            #expect(markdown.contains("| Changes | \(outcomes.count) |"))
            #expect(markdown.contains("| Failed | \(failed.count) |"))
            #expect(markdown.contains("approved in CAB 12"))
            #expect(markdown.contains(#"nightly \<b\>catch-up\</b\> \| ok"#), "escaped, not markup")
            #expect(markdown.contains("HTTP 429"))
            #expect(markdown.contains("> ✔ The audit log verified"))

            // HTML in a real browser: clean, the figures of the log, sorting works, a screenshot.
            let page = world.folder.appendingPathComponent("report.html")
            let html = try await world.run(["audit", "report", "--format", "html", "--out", page.path])
            try #require(html.status == 0, "\(html)")
            let browser = try await HeadlessChromium()
            defer { browser.close() }
            try await browser.open(page)
            try browser.requireClean()
            func figure(_ key: String) async throws -> String {
                try await browser.string("document.querySelector('[data-figure=\"\(key)\"]').textContent")
            }
            #expect(try await figure("runs") == String(starts.count))
            #expect(try await figure("changes") == String(outcomes.count))
            #expect(try await figure("failures") == String(failed.count))
            #expect(try await browser.string("document.querySelector('#verdict').className") == "banner ok")
            #expect(
                try await browser.string("document.querySelectorAll('#chart rect.bar').length + ''") != "0",
                "the chart"
            )
            let results =
                "Array.from(document.querySelectorAll('#run-1 table.changes tbody tr td:nth-child(7)'), c => c.textContent)"
            let before = try await browser.strings(results)
            try await browser.click("#run-1 table.changes th:nth-child(7) button")
            let sorted = try await browser.strings(results)
            #expect(sorted == before.sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending })
            #expect(sorted != before, "clicking the Result header reorders the rows: \(before)")
            try browser.requireClean()
            let shot = try await browser.screenshot(named: "audit-report")
            if ProcessInfo.processInfo.environment["UPDATE_SCREENSHOTS"] == "1" {
                let docs = SlapdServer.repositoryRoot().appendingPathComponent("docs/audit-report.png")
                try? FileManager.default.removeItem(at: docs)
                try FileManager.default.copyItem(at: shot, to: docs)
            }

            // A broken log: the report still comes, exit 5, with the red banner at the top.
            var lines = try world.auditLines()
            let edited = try #require(lines.firstIndex { $0.contains(#""type":"intent""#) })
            lines[edited] = lines[edited].replacingOccurrences(of: "@example.com", with: "@example.org")
            try (lines.joined(separator: "\n") + "\n").write(toFile: world.auditLog, atomically: true, encoding: .utf8)
            let broken = try await world.run(["audit", "report", "--format", "html", "--out", page.path])
            #expect(broken.status == 5, "\(broken)")
            try await browser.open(page)
            try browser.requireClean()
            #expect(try await browser.string("document.querySelector('main > p.banner').className") == "banner alert")
            await #expect(
                try browser.string("document.querySelector('main > p.banner').textContent").contains("DOES NOT VERIFY")
            )
            let brokenMarkdown = try await Self.text(world, "markdown", status: 5)
            #expect(brokenMarkdown.contains("> **⚠ THE AUDIT LOG DOES NOT VERIFY"), "\(brokenMarkdown.prefix(400))")
        }
    }

    /// `audit report --format FORMAT` on standard output.
    static func text(_ world: ApplyFixture, _ format: String, status: Int32 = 0) async throws -> String {
        let result = try await world.run(["audit", "report", "--format", format])
        try #require(result.status == status, "\(result)")
        return result.stdout
    }

    /// `audit report --format json`, decoded.
    static func report(_ world: ApplyFixture, _ format: String) async throws -> [String: Any] {
        let text = try await text(world, format)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
