/// One line of the audit log: the envelope every record carries and the content of its ``Kind``.
///
/// The JSON form is exactly the file's: snake_case keys sorted by their UTF-8 bytes, no white space, and a key
/// absent whenever its value is `nil`. ``AuditRecord/encodedLine()`` writes those bytes; `Codable` reads them
/// (and writes the same members through any other encoder).
///
/// Which members a kind uses:
/// - ``Kind/runStart``: ``user``, ``host``, ``command``, ``toolVersion``, ``configDigest``, ``planDigest``,
///   ``target``.
/// - ``Kind/intent`` (before a change): ``target``, ``provider``, ``action``, ``email``, ``anchor``,
///   ``providerId``, ``before``, ``after`` (the fields intended), ``reasons``.
/// - ``Kind/outcome`` (after it): the identifying members of the intent, ``result`` (succeeded, failed or
///   skipped), ``providerId`` (the new id for a create), ``after`` (the fields as the provider answered),
///   ``errorCode``, ``providerCode``, ``trackingId``, ``httpStatus``, ``message``.
/// - ``Kind/runEnd``: ``counts`` and ``result`` (succeeded, partial, failed, blocked or interrupted), and for a
///   blocked run ``message`` (the gates that stood).
/// - ``Kind/recovered``: ``tornLine``, ``tornBytes``, ``tornSHA256``, ``message`` (a torn line, sealed by
///   ``AuditLogWriter``); or, for a change left without an outcome by a crash and found made by the next run, the
///   intent's members, ``intentSeq`` and ``message``.
/// - ``Kind/checkpoint`` (end of a run, with an audit key): ``mac`` and ``keyId``.
/// - ``Kind/acceptBreak``: ``user``, ``host``, ``message`` (the reason), ``brokenLine``, ``expectedHead``,
///   ``foundHead``.
/// - ``Kind/adoption``: ``target``, ``provider``, ``email``, ``anchor``, ``providerId``, ``reasons``.
/// - ``Kind/abandoned``: the intent's members, ``intentSeq`` and ``message``.
/// - ``Kind/runStart`` also carries ``stateId`` and ``stateGeneration``: the state store the run wrote; and who
///   started it and why: ``uid``, ``reason``, ``ticket``, ``overrides``, ``planMaker``, ``scheduler``, and in
///   ``reasons`` who vouched for the plan (signer, approvals). Records written before these members existed
///   lack them and read as before.
/// - ``Kind/stateRebuild``: ``user``, ``host``, ``command``, ``counts`` (`records`, `suspended`,
///   `managed:TARGET`), ``stateId``, ``stateGeneration`` and ``message``.
public struct AuditRecord: Sendable, Hashable, Codable {
    /// The type of a record (the `type` key).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        /// A run began.
        case runStart = "run-start"
        /// A change is about to be made.
        case intent
        /// A change was made, failed or was skipped.
        case outcome
        /// A run ended.
        case runEnd = "run-end"
        /// The writer found the log ending in a torn line and sealed it, or a change left without an outcome
        /// by a crash was found made.
        case recovered
        /// The MAC of the record before it, under the audit key: proof that nothing up to there was rewritten.
        case checkpoint
        /// An administrator accepted a broken chain (what was found, who accepted it, why).
        case acceptBreak = "accept-break"
        /// An existing account was adopted as managed (matched by email).
        case adoption
        /// A change left without an outcome by a crash was found not made.
        case abandoned
        /// `state rebuild --from-audit` made a lost state store again from the log.
        case stateRebuild = "state-rebuild"

        public var description: String { rawValue }
    }

    // MARK: Envelope

    /// The record's position in the whole file: 1, 2, 3 and so on.
    public var seq: Int
    /// When the record was written: ISO 8601 UTC with milliseconds (`2025-03-01T09:30:00.123Z`).
    public var time: String
    /// The id of the run that wrote the record (chosen by the caller).
    public var run: String
    /// The record's type.
    public var type: Kind
    /// Lower-case hex SHA-256 of the exact bytes of the previous line (without its newline); 64 zeros for the
    /// first record.
    public var prev: String

    // MARK: run-start

    /// The operating system user who ran the command.
    public var user: String?
    /// The host name.
    public var host: String?
    /// The command line (arguments joined by spaces; secrets never appear on it by design).
    public var command: String?
    /// The tool's version.
    public var toolVersion: String?
    /// The digest of the configuration the run used.
    public var configDigest: String?
    /// The digest of the plan the run carried out.
    public var planDigest: String?
    /// The operating system user's numeric id (run-start).
    public var uid: Int?
    /// Why the run was started, as the operator gave it (`--reason`; run-start).
    public var reason: String?
    /// The change ticket the run belongs to (`--ticket`; run-start).
    public var ticket: String?
    /// The gates the operator overrode by name (`--override`; run-start).
    public var overrides: [String]?
    /// Who made the plan the run carried out, as the sealed plan says (`user@host`; run-start).
    public var planMaker: String?
    /// The scheduler the run runs under, when it could tell (run-start): `kind` (`systemd` or `cron`), and
    /// `unit` and `invocation_id` (systemd) or `parent` (the cron daemon's process name).
    public var scheduler: [String: String]?

    // MARK: intent and outcome

    /// The target (provider tenant) name.
    public var target: String?
    /// The provider (`goto`, `zoom`, `webex`).
    public var provider: String?
    /// What the change does.
    public var action: AuditAction?
    /// The account's email.
    public var email: String?
    /// The directory anchor of the user behind the account.
    public var anchor: String?
    /// The provider's id of the account (for an outcome of a create: the new id).
    public var providerId: String?
    /// The account's fields as seen before the change.
    public var before: [String: String]?
    /// The fields after the change: for an intent the fields intended, for an outcome as the provider answered.
    public var after: [String: String]?
    /// Why the change is made.
    public var reasons: [String]?
    /// How it ended: for an outcome succeeded, failed or skipped; for a run end succeeded, partial, failed or
    /// interrupted.
    public var result: AuditResult?
    /// Our error code for a failed or skipped change.
    public var errorCode: String?
    /// The provider's own error code.
    public var providerCode: String?
    /// The provider's tracking (request) id.
    public var trackingId: String?
    /// The HTTP status of the provider's answer.
    public var httpStatus: Int?
    /// Our description of what happened (never a secret).
    public var message: String?

    // MARK: run-end

    /// How many changes ended how (`succeeded`, `failed`, `skipped`, …).
    public var counts: [String: Int]?

    // MARK: recovered

    /// The line number of the (first) torn line.
    public var tornLine: Int?
    /// The length in bytes of the torn bytes found after the last good record.
    public var tornBytes: Int?
    /// Lower-case hex SHA-256 of those torn bytes.
    public var tornSHA256: String?

    // MARK: state store identity, checkpoints, accepted breaks, resolved intents

    /// The identity (UUID) of the state store the run wrote (run-start).
    public var stateId: String?
    /// The state store's generation for this run (run-start): one more for each run that writes.
    public var stateGeneration: Int?
    /// Checkpoint: lower-case hex HMAC-SHA-256 under the audit key over the previous record's seq and hash.
    public var mac: String?
    /// Checkpoint: which key made ``mac`` (a MAC of a fixed text under the key, never the key).
    public var keyId: String?
    /// Accept-break: the first bad line found.
    public var brokenLine: Int?
    /// Accept-break: the head the state store recorded (`SEQ:HASH`).
    public var expectedHead: String?
    /// Accept-break: the last good record of the log as found (`SEQ:HASH`).
    public var foundHead: String?
    /// Recovered or abandoned change: the seq of the intent left without an outcome.
    public var intentSeq: Int?
    /// Run-end: each target's in-scope count as the state store kept it (what the shrink guard compares the next
    /// run with), so that `state rebuild --from-audit` can restore it.
    public var inScope: [String: Int]?

    /// Makes a record with the envelope; set the content members afterwards.
    public init(seq: Int, time: String, run: String, type: Kind, prev: String) {
        self.seq = seq
        self.time = time
        self.run = run
        self.type = type
        self.prev = prev
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case seq, time, run, type, prev
        case user, host, command
        case toolVersion = "tool_version"
        case configDigest = "config_digest"
        case planDigest = "plan_digest"
        case uid, reason, ticket, overrides
        case planMaker = "plan_maker"
        case scheduler
        case target, provider, action, email, anchor
        case providerId = "provider_id"
        case before, after, reasons, result
        case errorCode = "error_code"
        case providerCode = "provider_code"
        case trackingId = "tracking_id"
        case httpStatus = "http_status"
        case message, counts
        case tornLine = "torn_line"
        case tornBytes = "torn_bytes"
        case tornSHA256 = "torn_sha256"
        case stateId = "state_id"
        case stateGeneration = "state_generation"
        case mac
        case keyId = "key_id"
        case brokenLine = "broken_line"
        case expectedHead = "expected_head"
        case foundHead = "found_head"
        case intentSeq = "intent_seq"
        case inScope = "in_scope"
    }
}
