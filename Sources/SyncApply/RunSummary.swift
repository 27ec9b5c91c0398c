public import OrganizerSyncCore
public import SyncPlanning

/// The JSON summary `reconcile` writes after every run, for schedulers and dashboards.
public struct RunSummary: Sendable, Codable {
    /// One target's part.
    public struct Target: Sendable, Codable {
        /// The target's name.
        public var name: String
        /// The provider.
        public var provider: String
        /// Directory users in scope.
        public var inScope: Int
        /// Accounts the provider listed.
        public var accounts: Int
        /// Actions planned, per kind.
        public var planned: [String: Int]
        /// Actions applied, per status (empty when nothing was applied).
        public var applied: [String: Int]
        /// The gates the plan tripped.
        public var gates: [String]
        /// Conflicts reported.
        public var conflicts: Int
        /// Unmanaged accounts reported.
        public var unmanaged: Int
        /// Failed and skipped actions, with why.
        public var problems: [Problem]
    }

    /// A failed or skipped action.
    public struct Problem: Sendable, Codable {
        /// The action kind.
        public var action: String
        /// The account's email.
        public var email: String
        /// `failed` or `skipped`.
        public var status: String
        /// Why.
        public var reason: String
    }

    /// The run's id (as in the audit log).
    public var run: String
    /// How the run ended.
    public var result: RunOutcome
    /// The process's exit code.
    public var exitCode: Int32
    /// When the run started and ended, ISO 8601.
    public var startedAt: String
    public var finishedAt: String
    /// The run's duration in seconds.
    public var durationSeconds: Double
    /// The plan's digest and where it was kept, when planning got that far.
    public var planDigest: String?
    public var planFile: String?
    /// The error that stopped the run, if any.
    public var error: String?
    /// Per target, in plan order.
    public var targets: [Target]

    /// Builds a summary from the plan and apply report.
    public init(
        run: String,
        result: RunOutcome,
        exitCode: Int32,
        startedAt: String,
        finishedAt: String,
        durationSeconds: Double,
        plan: Plan?,
        planFile: String?,
        report: ApplyReport?,
        error: String?
    ) {
        self.run = run
        self.result = result
        self.exitCode = exitCode
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.durationSeconds = durationSeconds
        self.planDigest = plan?.digest
        self.planFile = planFile
        self.error = error
        self.targets = (plan?.targets ?? []).map { target in
            let results = report?.targets.first { $0.name == target.target }?.results ?? []
            return Target(
                name: target.target,
                provider: target.provider.rawValue,
                inScope: target.inScopeCount,
                accounts: target.accountCount,
                planned: Dictionary(grouping: target.actions, by: \.kind.rawValue).mapValues(\.count),
                applied: Dictionary(grouping: results, by: \.status.rawValue).mapValues(\.count),
                gates: target.gates.map(\.name),
                conflicts: target.conflicts.count,
                unmanaged: target.unmanaged.count,
                problems: results.filter { $0.status == .failed || $0.status == .skipped }.map {
                    Problem(
                        action: $0.kind.rawValue,
                        email: $0.email,
                        status: $0.status.rawValue,
                        reason: $0.reason ?? ""
                    )
                }
            )
        }
    }
}
