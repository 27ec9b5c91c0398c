import Foundation

/// What `validate` found: one check per line of its text output, and the same checks as JSON
/// (`format_version` 1, documented in docs/json-output.md).
public struct ValidationReport: Encodable, Sendable {
    /// How one check came out.
    public enum Status: String, Encodable, Sendable {
        /// The check passed.
        case ok
        /// The check failed: the configuration cannot be used as it is.
        case failed
        /// Something the configuration names is not there yet (a secret file, a placeholder still to replace).
        case missing
        /// Usable, but not as it should be (no plan signing).
        case warning
        /// Information only (no state store yet).
        case note
    }

    /// One check.
    public struct Check: Encodable, Sendable {
        /// What was checked: `configuration`, `placeholder`, `bind_password`, `credentials`, `mapping`,
        /// `state_store`, `audit_log`, `signing`, `directory` or `connection`.
        public var check: String
        /// The target the check is about, if any.
        public var target: String?
        /// How it came out.
        public var status: Status
        /// What was found, and for a problem what to do.
        public var message: String
        /// The words the text output starts the line with (`target zoom: mapping`).
        public var label: String

        enum CodingKeys: String, CodingKey {
            case check, target, status, message
        }
    }

    /// The version of this JSON shape; it changes only when a key changes meaning or goes away.
    public let formatVersion = 1
    /// The command that made the report.
    public let command = "validate"
    /// The configuration file validated.
    public var configurationFile: String
    /// Whether only the files were checked (`--offline`).
    public var offline: Bool
    /// The checks, in the order they were made.
    public private(set) var checks: [Check] = []
    /// Whether no check failed or found something missing (kept by ``add(_:target:aspect:_:_:)``).
    public private(set) var isValid = true

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case command
        case configurationFile = "configuration_file"
        case offline
        case isValid = "valid"
        case checks
    }

    /// An empty report of validating `configurationFile`.
    public init(configurationFile: String, offline: Bool) {
        self.configurationFile = configurationFile
        self.offline = offline
    }

    /// Adds a check.
    /// - Parameters:
    ///   - check: the check's name in JSON.
    ///   - target: the target's name, when the check is about one.
    ///   - aspect: the word after `target NAME:` in the text (`credentials`, `mapping`).
    ///   - status: how it came out.
    ///   - message: what was found.
    public mutating func add(
        _ check: String,
        target: String? = nil,
        aspect: String? = nil,
        _ status: Status,
        _ message: String
    ) {
        let subject = target.map { "target \($0)" } ?? check.replacingOccurrences(of: "_", with: " ")
        let label = [subject + ":", aspect].compactMap { $0 }.joined(separator: " ")
        checks.append(Check(check: check, target: target, status: status, message: message, label: label))
        if status == .failed || status == .missing { isValid = false }
    }

    /// The text output: `LABEL STATUS: MESSAGE` per check, then the verdict.
    public func text() -> String {
        var lines = checks.map { check in
            switch check.status {
            case .note: "\(check.label) \(check.message)"
            default: "\(check.label) \(check.status.rawValue.uppercased()): \(check.message)"
            }
        }
        let verdict =
            isValid ? (offline ? "VALID (files only; nothing was contacted)" : "VALID") : "INVALID"
        lines.append("verdict: \(verdict)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON output.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
