/// The audit report's one data model: computed from a verified log by ``AuditReport/build(from:verification:period:)``
/// and rendered as JSON (this type's `Codable` form, documented in `docs/audit-report.md`), Markdown and HTML.
///
/// Every text in it comes from the log and is data, never markup: renderers escape it.
public struct AuditReport: Sendable, Hashable, Codable {
    /// The JSON shape this type writes; raised when a member changes meaning or goes away.
    public static let currentFormatVersion = 1

    /// The shape's version (``currentFormatVersion``).
    public var formatVersion: Int
    /// When the report was made (UTC, as the log writes times).
    public var generatedAt: String
    /// The log file reported on.
    public var log: String
    /// The selection: the period and the targets and kinds of change asked for.
    public var period: Period
    /// Whether the log verified, up to which record, and against what.
    public var verification: Verification
    /// The figures of the summary.
    public var summary: Summary
    /// Changes per UTC day and kind, oldest first (the chart).
    public var days: [Day]
    /// The runs started in the period, oldest first, each with its changes.
    public var runs: [Run]

    /// What was asked for.
    public struct Period: Sendable, Hashable, Codable {
        /// Runs started at or after this time (as given, ISO 8601); `nil`: from the start of the log.
        public var since: String?
        /// Runs started before this time; `nil`: to the end of the log.
        public var until: String?
        /// Only changes at these targets (empty: every target).
        public var targets: [String]
        /// Only these kinds of change (empty: every kind).
        public var kinds: [String]

        /// Makes a selection.
        public init(since: String? = nil, until: String? = nil, targets: [String] = [], kinds: [String] = []) {
            self.since = since
            self.until = until
            self.targets = targets
            self.kinds = kinds
        }
    }

    /// The verdict on the log, said plainly.
    public struct Verification: Sendable, Hashable, Codable {
        /// Whether every check passed.
        public var intact: Bool
        /// The verdict in one sentence (`intact, 120 records, …` or `BROKEN at line …`).
        public var verdict: String
        /// The last record proven by the chain: its seq and hash.
        public var verifiedThroughSeq: Int
        /// See ``verifiedThroughSeq``.
        public var verifiedThroughHash: String
        /// What the log was checked against, one line each (`hash chain`, `stored head 12:…`, `audit key`, a
        /// heads file).
        public var against: [String]
        /// Checkpoints whose MAC verified under the key (0 without a key).
        public var checkpoints: Int
        /// The record the last verified checkpoint covers; `nil` without a key or checkpoint.
        public var checkpointThroughSeq: Int?
        /// The problem found, when not intact.
        public var problem: String?
        /// Lines that are not records and were skipped.
        public var unreadableLines: [Int]
    }

    /// The summary's figures.
    public struct Summary: Sendable, Hashable, Codable {
        /// Runs started in the period.
        public var runs: Int
        /// Runs by how they ended (`succeeded`, `partial`, `failed`, `blocked`, `interrupted`, `unfinished`).
        public var runsByResult: [String: Int]
        /// Changes in the reported runs, after the target and kind filters: every intent, and every outcome without
        /// one (a change skipped before it was tried).
        public var changes: Int
        /// Changes by kind (`create`, `update`, …).
        public var changesByKind: [String: Int]
        /// Changes by target, then kind.
        public var changesByTarget: [String: [String: Int]]
        /// Changes by result (`succeeded`, `failed`, `skipped`, `unfinished`).
        public var changesByResult: [String: Int]
        /// Changes that failed.
        public var failures: Int
        /// Runs that changed nothing because a gate stood.
        public var blockedRuns: Int
        /// Runs that went on although a gate tripped (`--override`).
        public var overriddenRuns: Int
    }

    /// Changes on one UTC day.
    public struct Day: Sendable, Hashable, Codable {
        /// `YYYY-MM-DD`.
        public var day: String
        /// Changes by kind.
        public var byKind: [String: Int]
    }

    /// One run: who started it, why, under which plan, how it ended, and what it changed.
    public struct Run: Sendable, Hashable, Codable {
        /// The run id.
        public var id: String
        /// When it started (the run-start record's time).
        public var started: String
        /// When it ended (the run-end record's time); `nil` when the log holds no end.
        public var ended: String?
        /// The operating system user and uid (when recorded), host.
        public var user: String?
        /// See ``user``.
        public var uid: Int?
        /// See ``user``.
        public var host: String?
        /// The command line.
        public var command: String?
        /// `--reason`, or the plan's.
        public var reason: String?
        /// `--ticket`, or the plan's.
        public var ticket: String?
        /// The plan's digest.
        public var planDigest: String?
        /// Who made the plan (`user@host`, as the sealed plan says).
        public var planMaker: String?
        /// The plan's signer and approvals.
        public var approvals: [String]
        /// The gates overridden by name.
        public var overrides: [String]
        /// The scheduler, when recorded (`kind`, `unit`, `invocation_id`, `parent`).
        public var scheduler: [String: String]?
        /// A note the run recorded (for example a new state store).
        public var note: String?
        /// How it ended (`succeeded`, `partial`, `failed`, `blocked`, `interrupted`; `unfinished` without an end).
        public var result: String
        /// The run-end record's counts.
        public var counts: [String: Int]
        /// What the run-end record says about how the run ended (a blocked run: the gates that stood).
        public var ending: String?
        /// The changes of the run (after the target and kind filters), in log order.
        public var changes: [Change]
    }

    /// One change: what the directory said, what was asked of the provider, what it answered.
    public struct Change: Sendable, Hashable, Codable {
        /// The intent record's seq (the outcome's, for a change skipped before it was tried).
        public var seq: Int
        /// The intent's time.
        public var time: String
        /// The target and provider.
        public var target: String
        /// See ``target``.
        public var provider: String
        /// `create`, `update`, `suspend`, `reactivate` or `delete`.
        public var kind: String
        /// The account's email, directory anchor and provider id.
        public var email: String?
        /// See ``email``.
        public var anchor: String?
        /// See ``email``.
        public var providerId: String?
        /// Why, as the planner said (the directory reason: disabled, left the group, a field changed…).
        public var reasons: [String]
        /// Fields before and intended.
        public var before: [String: String]?
        /// See ``before``.
        public var after: [String: String]?
        /// `succeeded`, `failed`, `skipped`, or `unfinished` (no outcome in the log).
        public var result: String
        /// For a failure or skip: our code, the provider's code, the HTTP status, the tracking id and the message.
        public var errorCode: String?
        /// See ``errorCode``.
        public var providerCode: String?
        /// See ``errorCode``.
        public var httpStatus: Int?
        /// See ``errorCode``.
        public var trackingId: String?
        /// See ``errorCode``.
        public var message: String?
    }
}
