/// Where organizer-sync keeps what it remembers and records between runs, and how `apply` behaves
/// (the `state:` and `apply:` sections).
///
/// ```yaml
/// state:
///   database: state/organizer-sync.sqlite   # the state store (SQLite); relative to this file
///   audit_log: state/audit.jsonl            # the hash-chained audit log (JSON Lines)
///   runs_dir: state/runs                    # reconcile keeps each run's plan and summary here
///   keep_runs: 168                          # how many runs reconcile keeps (a week of hourly runs)
///   metrics_file: state/organizer-sync.prom # Prometheus text format (node_exporter textfile collector)
/// apply:
///   max_plan_age_minutes: 60                # apply refuses an older plan
///   concurrency: 8                          # changes in flight per target (each provider's rate limit still holds)
/// ```
public struct StateConfiguration: Sendable, Hashable {
    /// The state store (an SQLite database).
    public var database: String
    /// The audit log (JSON Lines, each record chained to the one before by SHA-256).
    public var auditLog: String
    /// The folder where `reconcile` keeps each run's plan and JSON summary.
    public var runsFolder: String
    /// How many runs `reconcile` keeps in ``runsFolder``; older ones are removed.
    public var keepRuns: Int
    /// The Prometheus text file `reconcile` writes, if any.
    public var metricsFile: String?
    /// The oldest plan `apply` accepts, in seconds.
    public var maxPlanAge: Double
    /// How many changes run at once per target.
    public var concurrency: Int

    public init(
        database: String,
        auditLog: String,
        runsFolder: String,
        metricsFile: String? = nil,
        keepRuns: Int = 168,
        maxPlanAge: Double = 3600,
        concurrency: Int = 8
    ) {
        self.database = database
        self.auditLog = auditLog
        self.runsFolder = runsFolder
        self.metricsFile = metricsFile
        self.keepRuns = keepRuns
        self.maxPlanAge = maxPlanAge
        self.concurrency = concurrency
    }

    /// The defaults: everything under `state/` beside the configuration file.
    public static func defaults(relativeTo folder: String) -> StateConfiguration {
        StateConfiguration(
            database: Paths.resolve("state/organizer-sync.sqlite", relativeTo: folder),
            auditLog: Paths.resolve("state/audit.jsonl", relativeTo: folder),
            runsFolder: Paths.resolve("state/runs", relativeTo: folder)
        )
    }
}

/// Decodes the `state:` and `apply:` sections.
enum StateSection {
    static var keys: [String] { ConfigurationShape.state.names }

    static func decode(
        _ root: ConfigMapping,
        relativeTo folder: String
    ) throws(ConfigurationError) -> StateConfiguration {
        var result = StateConfiguration.defaults(relativeTo: folder)
        if let state = try root.mapping("state", allowedKeys: keys) {
            if let value = try path(state, "database", relativeTo: folder) { result.database = value }
            if let value = try path(state, "audit_log", relativeTo: folder) { result.auditLog = value }
            if let value = try path(state, "runs_dir", relativeTo: folder) { result.runsFolder = value }
            result.metricsFile = try path(state, "metrics_file", relativeTo: folder)
            if let keep = try state.int("keep_runs", in: 1...100_000) { result.keepRuns = keep }
        }
        if let apply = try root.mapping("apply", shape: ConfigurationShape.apply) {
            if let minutes = try apply.int("max_plan_age_minutes", in: 1...525_600) {
                result.maxPlanAge = Double(minutes) * 60
            }
            if let concurrency = try apply.int("concurrency", in: 1...64) { result.concurrency = concurrency }
        }
        return result
    }

    private static func path(
        _ section: ConfigMapping,
        _ key: String,
        relativeTo folder: String
    ) throws(ConfigurationError) -> String? {
        guard let text = try section.string(key) else { return nil }
        guard !text.isEmpty else { throw section.error(key, .missingKey, "expected a file path") }
        return Paths.resolve(text, relativeTo: folder)
    }
}
