import Foundation
public import OrganizerSyncCore
public import SyncPlanning

/// The metrics of one `reconcile` run in Prometheus text format, for node_exporter's textfile collector.
///
/// Every series is written on every run (zero when nothing happened), so that alerts on absence and on
/// value both work. Names follow Prometheus conventions: `organizer_sync_` prefix, `_seconds`, `_total`.
public struct RunMetrics: Sendable {
    /// The plan the run made.
    public var plan: Plan?
    /// What apply did; `nil` when the run stopped before applying (blocked, or an error).
    public var report: ApplyReport?
    /// The run's outcome.
    public var result: RunOutcome
    /// When the run ended, seconds since 1970.
    public var finishedAt: Double
    /// How long the run took, in seconds.
    public var duration: Double

    /// Creates the metrics of a run.
    public init(plan: Plan?, report: ApplyReport?, result: RunOutcome, finishedAt: Double, duration: Double) {
        self.plan = plan
        self.report = report
        self.result = result
        self.finishedAt = finishedAt
        self.duration = duration
    }

    /// The outcomes a run can have, each written as a 0/1 series.
    public static let results: [RunOutcome] = [.succeeded, .partial, .blocked, .failed, .interrupted]

    /// The text file's content.
    public func render() -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            out += "# HELP organizer_sync_\(name) \(help)\n# TYPE organizer_sync_\(name) \(type)\n"
            for sample in samples { out += "organizer_sync_\(name)\(sample.labels) \(sample.value)\n" }
        }
        family("last_run_timestamp_seconds", "gauge", "When the last reconcile run ended.", [("", number(finishedAt))])
        family("last_run_duration_seconds", "gauge", "How long the last reconcile run took.", [("", number(duration))])
        family(
            "last_run_result",
            "gauge",
            "1 for the last run's outcome, 0 for the others.",
            Self.results.map { ("{result=\"\($0)\"}", $0 == result ? "1" : "0") }
        )
        var actions: [(String, String)] = []
        var planned: [(String, String)] = []
        var gauges: [String: [(String, String)]] = [:]
        for target in plan?.targets ?? [] {
            let label = "target=\"\(Self.escape(target.target))\",provider=\"\(target.provider.rawValue)\""
            for kind in ActionKind.allCases {
                planned.append(
                    ("{\(label),action=\"\(kind.rawValue)\"}", "\(target.actions.count { $0.kind == kind })")
                )
                for status in ActionResult.Status.allCases {
                    let count = report?.count(target: target.target, kind: kind, status: status) ?? 0
                    actions.append(("{\(label),action=\"\(kind.rawValue)\",result=\"\(status.rawValue)\"}", "\(count)"))
                }
            }
            gauges["in_scope_users", default: []].append(("{\(label)}", "\(target.inScopeCount)"))
            gauges["provider_accounts", default: []].append(("{\(label)}", "\(target.accountCount)"))
            gauges["conflicts", default: []].append(("{\(label)}", "\(target.conflicts.count)"))
            gauges["unmanaged_accounts", default: []].append(("{\(label)}", "\(target.unmanaged.count)"))
            gauges["blocked", default: []].append(("{\(label)}", target.isBlocked ? "1" : "0"))
        }
        family("planned_actions", "gauge", "Actions the last run planned, per target and kind.", planned)
        family("applied_actions", "gauge", "Actions the last run applied, per target, kind and result.", actions)
        let help = [
            "in_scope_users": "Directory users in scope at the last run.",
            "provider_accounts": "Accounts the provider listed at the last run.",
            "conflicts": "Users and accounts the last run could not match one to one.",
            "unmanaged_accounts": "Accounts no directory user maps to and organizer-sync never managed.",
            "blocked": "1 when a threshold or guard blocked the target at the last run.",
        ]
        for name in ["in_scope_users", "provider_accounts", "conflicts", "unmanaged_accounts", "blocked"] {
            family(name, "gauge", help[name] ?? "", gauges[name] ?? [])
        }
        return out
    }

    private func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A label value with backslash, quote and newline escaped, as the text format requires.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
