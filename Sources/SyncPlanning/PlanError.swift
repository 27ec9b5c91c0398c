/// A plan file that cannot be read or trusted.
///
/// Compare errors by ``code``. ``description`` holds no personal data: it names the failure and, for a
/// digest mismatch, nothing of the plan's content.
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible,
    CustomDebugStringConvertible
{
    /// The kind of failure.
    ///
    /// New kinds can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case malformed, unsupportedFormatVersion, notSealed, digestMismatch, encodingFailed
            case notSigned, untrustedKey, badSignature
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The file is not a plan (not JSON, or a field is missing or of the wrong type).
        public static let malformed = Code(.malformed)
        /// The plan was written by a format version this tool does not read.
        public static let unsupportedFormatVersion = Code(.unsupportedFormatVersion)
        /// The plan carries no digest.
        public static let notSealed = Code(.notSealed)
        /// The digest does not match the content: the plan was altered after it was sealed.
        public static let digestMismatch = Code(.digestMismatch)
        /// The plan could not be encoded.
        public static let encodingFailed = Code(.encodingFailed)
        /// The plan carries no signature although trusted keys are configured.
        public static let notSigned = Code(.notSigned)
        /// The plan is signed by a key that is not among the trusted keys.
        public static let untrustedKey = Code(.untrustedKey)
        /// The signature names a trusted key but does not verify.
        public static let badSignature = Code(.badSignature)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// Detail for debugging (may name a JSON path); never shown in ``description``.
    var detail: String?
    /// Where the error was made.
    var location: String

    init(_ code: Code, detail: String? = nil, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.detail = detail
        self.location = "\(file):\(line)"
    }

    public static func == (lhs: PlanError, rhs: PlanError) -> Bool { lhs.code == rhs.code }

    public var description: String {
        switch code {
        case .malformed: "plan file is malformed"
        case .unsupportedFormatVersion: "plan file format version is not supported"
        case .notSealed: "plan is not sealed"
        case .digestMismatch: "plan digest does not match its content: the plan was altered"
        case .notSigned: "plan is not signed, and signing.trusted_keys is configured: only signed plans are applied"
        case .untrustedKey: "plan is signed by a key that is not in signing.trusted_keys"
        case .badSignature: "plan signature does not verify: the plan or its seal was altered"
        case .encodingFailed: "plan could not be encoded"
        default: "plan could not be encoded"
        }
    }

    public var debugDescription: String {
        "PlanError(\(code), detail: \(detail ?? "nil"), at: \(location))"
    }
}
