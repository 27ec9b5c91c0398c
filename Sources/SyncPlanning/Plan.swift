public import Foundation

/// A saved plan: what `apply` will do to every target, sealed with a digest over its content.
///
/// The JSON is pretty-printed with sorted keys, so plans can be read and diffed. ``digest`` is SHA-256 over
/// the canonical JSON (sorted keys, no white space) of every other field; see ``sealed()`` and ``verify()``.
public struct Plan: Sendable, Hashable, Codable {
    /// The plan file format this tool writes and reads.
    public static let currentFormatVersion = 1

    /// The plan file format version.
    public var formatVersion: Int
    /// The version of organizer-sync that made the plan.
    public var toolVersion: String
    /// When the plan was made, ISO 8601 in UTC (kept as text so the sealed content round-trips exactly).
    public var createdAt: String
    /// SHA-256 (hex) of the configuration the plan was made from; `apply` refuses another configuration.
    public var configDigest: String
    /// Whether any target tripped a threshold or guard.
    public var isBlocked: Bool
    /// The plan of each target, in configuration order.
    public var targets: [TargetPlan]
    /// What the directory read reported that did not stop it (group members that match no user, group
    /// cycles), for the report; sealed with the rest.
    ///
    /// `nil` when there was nothing (set it before sealing).
    public var directoryWarnings: [String]?
    /// Who made the plan: the operating system user and host (`user@host`) of the `plan` run, for the audit
    /// log's run-start record of the apply; sealed with the rest (vouched for only as far as the seal or the
    /// signature is).
    ///
    /// `nil` in plans made before this member existed.
    public var madeBy: String?
    /// Why the plan was made (`plan --reason`); sealed.
    ///
    /// `apply` records it when it is given no reason of its own.
    public var reason: String?
    /// The change ticket the plan belongs to (`plan --ticket`); sealed.
    public var ticket: String?
    /// `sha256:` and 64 hex digits over the canonical JSON of the rest; `nil` until sealed.
    public var digest: String?
    /// The plan maker's signature over ``digest``; outside the sealed content.
    ///
    /// `nil` when no key is configured.
    public var signature: PlanSignature?
    /// Reviewers' approvals of ``digest``; outside the sealed content.
    ///
    /// `nil` until the first `approve`.
    public var approvals: [PlanApproval]?

    /// Creates an unsealed plan.
    /// - Parameters:
    ///   - toolVersion: the tool's version.
    ///   - createdAt: the creation time, ISO 8601 in UTC.
    ///   - configDigest: the configuration's digest.
    ///   - targets: the target plans.
    public init(toolVersion: String, createdAt: String, configDigest: String, targets: [TargetPlan]) {
        self.formatVersion = Plan.currentFormatVersion
        self.toolVersion = toolVersion
        self.createdAt = createdAt
        self.configDigest = configDigest
        self.isBlocked = targets.contains { $0.isBlocked }
        self.targets = targets
        self.digest = nil
        self.signature = nil
        self.approvals = nil
    }

    /// Creates an unsealed plan made at `date`.
    /// - Parameters:
    ///   - toolVersion: the tool's version.
    ///   - date: the creation time (recorded to the second, in UTC).
    ///   - configDigest: the configuration's digest.
    ///   - targets: the target plans.
    public init(toolVersion: String, date: Date, configDigest: String, targets: [TargetPlan]) {
        self.init(
            toolVersion: toolVersion,
            createdAt: date.formatted(.iso8601),
            configDigest: configDigest,
            targets: targets
        )
    }

    /// Whether any target has an action.
    public var hasChanges: Bool { targets.contains { $0.hasChanges } }
}
