public import OrganizerSyncCore
import SyncPlanning

/// What an apply did: every action's result, per target, in plan order.
public struct ApplyReport: Sendable {
    /// One target's results.
    public struct Target: Sendable {
        /// The target's name.
        public var name: String
        /// The results, in the order of the target plan's actions.
        public var results: [ActionResult]
        /// How many user-to-account matches were recorded in the state store.
        public var linksRecorded: Int

        /// Creates a target report.
        public init(name: String, results: [ActionResult], linksRecorded: Int) {
            self.name = name
            self.results = results
            self.linksRecorded = linksRecorded
        }
    }

    /// The targets, in plan order.
    public var targets: [Target]
    /// Whether the run stopped early on a signal; actions not started are reported as skipped.
    public var wasInterrupted: Bool

    /// Creates a report.
    public init(targets: [Target], wasInterrupted: Bool) {
        self.targets = targets
        self.wasInterrupted = wasInterrupted
    }

    /// Results per status, over every target (every status present, zero when none).
    public var counts: [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: ActionResult.Status.allCases.map { ($0.rawValue, 0) })
        for result in targets.flatMap(\.results) { counts[result.status.rawValue, default: 0] += 1 }
        return counts
    }

    /// Results per target, action kind and status, for metrics.
    public func count(target: String, kind: ActionKind, status: ActionResult.Status) -> Int {
        targets.first { $0.name == target }?.results.count { $0.kind == kind && $0.status == status } ?? 0
    }

    /// `succeeded` when every action succeeded (now or in an earlier run of the plan), `interrupted` when a
    /// signal stopped the run, else `partial`.
    public var result: RunOutcome {
        if wasInterrupted { return .interrupted }
        let counts = counts
        return counts["failed", default: 0] + counts["skipped", default: 0] == 0 ? .succeeded : .partial
    }
}
