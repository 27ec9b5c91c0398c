import Foundation
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
