/// The first thing wrong with a log, named precisely enough to find it.
public struct AuditProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of tampering or damage.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        /// A record's bytes changed: its hash no longer matches the next record's `prev` (or its own `prev` or
        /// `seq` was changed). ``AuditProblem/line`` is the edited line.
        case edited
        /// Records are missing: the seq jumps. ``AuditProblem/missing`` holds the missing seqs;
        /// ``AuditProblem/line`` is the line after the gap.
        case removed
        /// Records are out of order: the seq goes backwards or repeats, or a missing seq appears further down.
        case reordered
        /// A line that does not belong: skipping it, the chain continues intact.
        case inserted
        /// A line that is not JSON (a torn write or garbage) and is not sealed by a following `recovered`
        /// record naming it.
        case torn
        /// A line that is JSON but not a record (a key missing or of the wrong type, an unknown type).
        case malformed
        /// The log ends before the expected head: trailing records were cut off (or the log was emptied).
        case truncated
        /// The record with the expected head's seq has a different hash: it was edited, or the chain was
        /// rewritten from there.
        case headMismatch = "head-mismatch"
        /// Records follow the recorded head that no run the state store knows of wrote: the log was extended
        /// behind the store's back.
        case extended
        /// A checkpoint's MAC does not verify under the audit key: the log was rewritten up to it (even if the
        /// chain and the recorded head agree), or the key is not the one that made it.
        case checkpointInvalid = "checkpoint-invalid"
        /// Verified with a key, the log lacks a checkpoint where one must be: none at all, or a run that ended
        /// after the first checkpoint without one.
        case checkpointMissing = "checkpoint-missing"

        public var description: String { rawValue }
    }

    /// What kind of problem.
    public var kind: Kind
    /// The line number (1-based) of the line the problem names.
    public var line: Int
    /// The seq of that line's record, when it could be read.
    public var seq: Int?
    /// For ``Kind/removed`` and ``Kind/truncated``: the first and last missing seq.
    public var missingFrom: Int?
    /// See ``missingFrom``.
    public var missingThrough: Int?
    /// What exactly is wrong, in a sentence (line numbers and seqs only; never record content).
    public var detail: String

    /// Makes a problem.
    public init(kind: Kind, line: Int, seq: Int?, missing: ClosedRange<Int>? = nil, detail: String) {
        self.kind = kind
        self.line = line
        self.seq = seq
        self.missingFrom = missing?.lowerBound
        self.missingThrough = missing?.upperBound
        self.detail = detail
    }

    /// The missing seqs, for ``Kind/removed`` and ``Kind/truncated``.
    public var missing: ClosedRange<Int>? {
        guard let missingFrom, let missingThrough, missingFrom <= missingThrough else { return nil }
        return missingFrom...missingThrough
    }

    /// `line L (seq S): record edited: …`.
    public var description: String {
        let place = "line \(line)" + (seq.map { " (seq \($0))" } ?? "")
        let what =
            switch kind {
            case .edited: "record edited"
            case .removed: "records removed"
            case .reordered: "records reordered"
            case .inserted: "record inserted"
            case .torn: "torn line"
            case .malformed: "malformed record"
            case .truncated: "log truncated"
            case .headMismatch: "last recorded head does not match"
            case .extended: "records after the recorded head"
            case .checkpointInvalid: "checkpoint does not verify"
            case .checkpointMissing: "checkpoint missing"
            }
        return "\(place): \(what): \(detail)"
    }
}
