import Foundation
import SyncRuns
import Testing

/// `--reason`, `--ticket`, `apply.require_reason` and telling the scheduler a run runs under.
@Suite struct RunAttributionTests {
    @Test("systemd: INVOCATION_ID and the .service of the cgroup path; cron: a cron daemon among the parents")
    func schedulerIsTold() {
        let invocation = "0123456789abcdef0123456789ABCDEF"
        let systemd = RunScheduler.detect(
            environment: ["INVOCATION_ID": invocation],
            cgroup: "0::/system.slice/organizer-sync.service\n",
            ancestors: ["systemd"]
        )
        #expect(
            systemd
                == ["kind": "systemd", "unit": "organizer-sync.service", "invocation_id": invocation.lowercased()]
        )
        let version1 = RunScheduler.detect(
            environment: ["INVOCATION_ID": invocation],
            cgroup: "12:cpu:/\n1:name=systemd:/system.slice/sync@eu.service\n",
            ancestors: []
        )
        #expect(version1?["unit"] == "sync@eu.service")
        #expect(
            RunScheduler.detect(environment: [:], cgroup: nil, ancestors: ["sh", "cron"])
                == ["kind": "cron", "parent": "cron"]
        )
        #expect(
            RunScheduler.detect(environment: [:], cgroup: "0::/user.slice/session-3.scope", ancestors: ["bash"]) == nil
        )
        // A claimed invocation id of the wrong shape, and a unit name with markup, are not recorded.
        #expect(RunScheduler.detect(environment: ["INVOCATION_ID": "<script>"], cgroup: nil, ancestors: []) == nil)
        let hostile = RunScheduler.detect(
            environment: ["INVOCATION_ID": invocation],
            cgroup: "0::/system.slice/<b>x.service",
            ancestors: []
        )
        #expect(hostile?["unit"] == nil)
    }

    @Test("--reason is one bounded line; --ticket is a short id; the errors never echo the text and exit 64")
    func reasonAndTicketAreChecked() throws {
        let given = try RunReason(reason: "  quarterly leavers ", ticket: "CHG-1234")
        #expect(given.reason == "quarterly leavers" && given.ticket == "CHG-1234")
        for (reason, ticket) in [
            ("", nil), ("line one\nline two", nil), (String(repeating: "x", count: 501), nil),
            (nil, "CHG 1"), (nil, "<script>"), (nil, ""),
        ] as [(String?, String?)] {
            #expect(throws: RunError.self, "\(String(describing: reason)) \(String(describing: ticket))") {
                _ = try RunReason(reason: reason, ticket: ticket)
            }
            do {
                _ = try RunReason(reason: reason, ticket: ticket)
            } catch {
                #expect(error.code == .badAttribution)
                #expect(error.exitReason == .usage)
                if let ticket, !ticket.isEmpty { #expect(!error.description.contains(ticket)) }
            }
        }
    }
}
