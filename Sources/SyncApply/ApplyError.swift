/// Why `apply` refused a plan or stopped; nothing was changed when ``Code-swift.struct/planRefused`` family codes are
/// thrown, since every check runs before the first change.
///
/// ``description`` names the check and the values compared; it never holds personal data or secrets.
public struct ApplyError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        /// The plan's digest does not match its content, or it is not sealed, or its format is unknown.
        case planTampered
        /// The plan was made from another configuration (or another version of a mapping file).
        case otherConfiguration
        /// The plan is older than `apply.max_plan_age_minutes`.
        case planTooOld
        /// The plan is blocked by a gate that was not overridden by name.
        case blocked
        /// A threshold trips against the accounts as they are now.
        case thresholdTripped
        /// The plan names a target the configuration does not have.
        case unknownTarget
        /// An override names a gate the plan did not trip.
        case unknownOverride
        /// Keys are trusted and the plan is unsigned, or signed by another key, or its signature does not verify.
        case untrustedSignature
        /// The plan has fewer valid approvals from distinct reviewers than `apply.require_approvals`.
        case notApproved
    }

    /// What went wrong.
    public var code: Code
    /// The check and the values compared.
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "plan refused (\(code.rawValue)): \(detail)" }
}
