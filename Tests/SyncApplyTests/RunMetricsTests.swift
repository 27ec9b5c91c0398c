import Foundation
import OrganizerSyncCore
import SyncApply
import SyncPlanning
import Testing

/// The Prometheus text file reconcile writes.
@Suite("Run metrics")
struct RunMetricsTests {
    @Test("Every series is present, labels are escaped, and the results add up")
    func rendered() throws {
        let action = PlannedAction(
            kind: .create,
            anchor: "a",
            dn: nil,
            email: "a@example.com",
            reasons: [],
            precondition: .absent(email: "a@example.com")
        )
        let target = TargetPlan(
            target: #"zoom "prod""#,
            provider: .zoom,
            directoryDigest: "",
            providerDigest: "",
            stateDigest: "",
            inScopeCount: 7,
            accountCount: 5,
            actions: [action],
            conflicts: [],
            protected: [],
            unmanaged: [],
            deferredDeletions: [],
            gates: []
        )
        let plan = Plan(toolVersion: "t", createdAt: "2026-01-01T00:00:00Z", configDigest: "c", targets: [target])
        let report = ApplyReport(
            targets: [
                .init(
                    name: #"zoom "prod""#,
                    results: [
                        ActionResult(target: "z", index: 0, kind: .create, email: "a@example.com", status: .failed)
                    ],
                    linksRecorded: 0
                )
            ],
            wasInterrupted: false
        )
        let text = RunMetrics(plan: plan, report: report, result: .partial, finishedAt: 1_800_000_000, duration: 2.5)
            .render()
        let label = #"target="zoom \"prod\"",provider="zoom""#
        #expect(text.contains("organizer_sync_last_run_timestamp_seconds 1800000000\n"))
        #expect(text.contains("organizer_sync_last_run_duration_seconds 2.5\n"))
        #expect(text.contains(#"organizer_sync_last_run_result{result="partial"} 1"#))
        #expect(text.contains(#"organizer_sync_last_run_result{result="succeeded"} 0"#))
        #expect(text.contains("organizer_sync_applied_actions{\(label),action=\"create\",result=\"failed\"} 1"))
        #expect(text.contains("organizer_sync_applied_actions{\(label),action=\"delete\",result=\"succeeded\"} 0"))
        #expect(text.contains("organizer_sync_planned_actions{\(label),action=\"create\"} 1"))
        #expect(text.contains("organizer_sync_in_scope_users{\(label)} 7"))
        // Each family is declared once, before its samples.
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let name = String(line.prefix { $0 != "{" && $0 != " " })
            #expect(text.contains("# TYPE \(name) gauge"), "\(name) has a TYPE line")
        }
    }
}
