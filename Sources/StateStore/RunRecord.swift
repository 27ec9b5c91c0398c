public import Foundation
public import OrganizerSyncCore

/// One `apply` or `reconcile` run in the state store's history: who started it, with which plan and
/// configuration, and how it ended.
///
/// A run that `beginRun` recorded but `finishRun` never completed (the process was killed) keeps
/// ``finishedAt`` and ``result`` `nil`.
public struct RunRecord: Sendable, Hashable, Codable {
    /// The run's id (sortable: UTC time and a random suffix).
    public var id: String
    /// The command line that started the run (it never holds a secret: secrets come only from files and the
    /// environment).
    public var command: String
    /// When the run started.
    public var startedAt: Date
    /// The operating system user who ran it.
    public var user: String
    /// The host it ran on.
    public var host: String
    /// The configuration's digest.
    public var configDigest: String?
    /// The digest of the plan it applied.
    public var planDigest: String?
    /// When the run ended; `nil` while it runs, or when it was killed.
    public var finishedAt: Date?
    /// How it ended; `nil` like ``finishedAt``.
    public var result: RunOutcome?
    /// The results per status (`succeeded: 12, failed: 1`).
    public var counts: [String: Int]
    /// The seq of the audit log's last record when the run ended.
    public var auditSeq: Int?
    /// The SHA-256 (hex) of that record's line.
    public var auditHash: String?

    /// Makes a record; `beginRun` takes one with only the start fields set.
    public init(
        id: String,
        command: String,
        startedAt: Date,
        user: String,
        host: String,
        configDigest: String? = nil,
        planDigest: String? = nil,
        finishedAt: Date? = nil,
        result: RunOutcome? = nil,
        counts: [String: Int] = [:],
        auditSeq: Int? = nil,
        auditHash: String? = nil
    ) {
        self.id = id
        self.command = command
        self.startedAt = startedAt
        self.user = user
        self.host = host
        self.configDigest = configDigest
        self.planDigest = planDigest
        self.finishedAt = finishedAt
        self.result = result
        self.counts = counts
        self.auditSeq = auditSeq
        self.auditHash = auditHash
    }
}
