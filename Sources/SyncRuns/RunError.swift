/// Why a run could not start or go on: a target that is not configured, nothing to plan, no plan file to apply,
/// a reason missing or unusable, or a signal while reading.
///
/// ``description`` names the configuration file and the targets; it never holds personal data or secrets.
public struct RunError: Error, CustomStringConvertible, Sendable, ExitReasonProviding {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        /// A target named on the command line is not in the configuration.
        case unknownTarget
        /// The configuration has no targets to plan.
        case noTargets
        /// `apply` was given a plan file that does not exist.
        case noPlanFile
        /// The plan file exists but could not be opened (permissions, a folder, an I/O error).
        case unreadablePlanFile
        /// `apply.require_reason` is set and an interactive run was started without `--reason`.
        case reasonRequired
        /// `--reason` or `--ticket` is empty, too long or not one line.
        case badAttribution
        /// A file the run writes (the plan of `plan --out`, a kept plan, a summary, the metrics) could not be
        /// written.
        case writeFailed
        /// SIGINT or SIGTERM stopped the command while it read the directory or listed a provider; nothing
        /// was written.
        case interrupted
    }

    /// What went wrong.
    public var code: Code
    /// The file and the names involved.
    public var detail: String

    /// Creates an error.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail }

    public var exitReason: ExitReason {
        switch code {
        case .unknownTarget, .noTargets, .noPlanFile, .unreadablePlanFile, .writeFailed: .failure
        // What the operator must add or fix on the command line: a usage error, like the argument parser's.
        case .reasonRequired, .badAttribution: .usage
        // Like an apply a signal stopped: the run did not do what it was asked, and nothing was changed.
        case .interrupted: .partial
        }
    }
}
