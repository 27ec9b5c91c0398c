import Foundation
import SyncRuns
import Testing

/// `validate`'s report: the verdict follows the checks, and the JSON bytes stay what docs/json-output.md shows.
@Suite("Validation report")
struct ValidationReportTests {
    static func report(_ statuses: [ValidationReport.Status]) -> ValidationReport {
        var report = ValidationReport(configurationFile: "/etc/organizer-sync/organizer-sync.yaml", offline: true)
        report.add("configuration", .ok, "parsed")
        for (index, status) in statuses.enumerated() {
            report.add("mapping", target: "t\(index)", aspect: "mapping", status, "finding \(index)")
        }
        return report
    }

    @Test("Notes, warnings and passes leave the report valid; one failed or missing check makes it invalid")
    func verdictFollowsTheChecks() {
        #expect(Self.report([.note, .warning, .ok]).isValid)
        #expect(!Self.report([.ok, .failed, .ok]).isValid)
        #expect(!Self.report([.missing, .note]).isValid)
        #expect(Self.report([.missing]).text().hasSuffix("verdict: INVALID\n"))
    }

    @Test("The JSON is pinned: format_version, command, configuration_file, offline, valid and the checks")
    func exactJSON() throws {
        let json = try Self.report([.warning, .failed]).json()
        #expect(
            json == """
                {
                  "checks" : [
                    {
                      "check" : "configuration",
                      "message" : "parsed",
                      "status" : "ok"
                    },
                    {
                      "check" : "mapping",
                      "message" : "finding 0",
                      "status" : "warning",
                      "target" : "t0"
                    },
                    {
                      "check" : "mapping",
                      "message" : "finding 1",
                      "status" : "failed",
                      "target" : "t1"
                    }
                  ],
                  "command" : "validate",
                  "configuration_file" : "/etc/organizer-sync/organizer-sync.yaml",
                  "format_version" : 1,
                  "offline" : true,
                  "valid" : false
                }
                """
        )
    }
}
