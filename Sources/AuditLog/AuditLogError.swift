/// Why the audit log could not be opened, read or written.
///
/// Compare errors by ``code``. ``description`` names the file and the system's reason; it never holds record
/// content (emails, names), so it is safe to print and log.
public struct AuditLogError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of failure.
    ///
    /// New kinds can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case notFound, cannotOpen, notRegularFile, insecurePermissions, busy, readFailed, writeFailed,
                syncFailed, closed, chainBroken
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The log file does not exist (reading only; the writer creates it).
        public static let notFound = Code(.notFound)
        /// The file or a parent folder could not be created or opened.
        public static let cannotOpen = Code(.cannotOpen)
        /// The path is not a regular file.
        public static let notRegularFile = Code(.notRegularFile)
        /// The file can be written by its group or by others, who could then rewrite history.
        public static let insecurePermissions = Code(.insecurePermissions)
        /// Another writer (this process or another) has the log open; two writers would fork the chain.
        public static let busy = Code(.busy)
        /// Reading the file failed.
        public static let readFailed = Code(.readFailed)
        /// Writing a record failed; the writer refuses further records (the tail may be torn: the next open
        /// seals it).
        public static let writeFailed = Code(.writeFailed)
        /// `fsync` failed: the record may not be on disk; the writer refuses further records.
        public static let syncFailed = Code(.syncFailed)
        /// The writer was closed, or an earlier write or sync failed.
        public static let closed = Code(.closed)
        /// The log does not reach the head the state store recorded (cut, deleted, replaced or extended behind
        /// its back): no run appends to it until `audit accept-break` records the break.
        ///
        /// ``problem`` says where.
        public static let chainBroken = Code(.chainBroken)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The log file.
    public var path: String
    /// The system's reason (`strerror`) or a short explanation; never record content.
    public var reason: String
    /// For ``Code/chainBroken``: the first problem found.
    public var problem: AuditProblem?
    /// Where the error was made.
    var location: String

    init(
        _ code: Code,
        path: String,
        reason: String,
        problem: AuditProblem? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.path = path
        self.reason = reason
        self.problem = problem
        self.location = "\(file):\(line)"
    }

    public static func == (lhs: AuditLogError, rhs: AuditLogError) -> Bool { lhs.code == rhs.code }

    public var description: String {
        switch code {
        case .notFound:
            "audit log \(path): no such file; check state.audit_log (or --log): the first apply or reconcile "
                + "creates it"
        case .cannotOpen:
            "audit log \(path): cannot open: \(reason); the user organizer-sync runs as must own it and its folder"
        case .notRegularFile:
            "audit log \(path): not a regular file; state.audit_log must name a file, not a folder, link or device"
        case .insecurePermissions: "audit log \(path): \(reason)"
        case .busy:
            "audit log \(path): another writer has it open (\(reason)); wait for the other organizer-sync run to "
                + "end, then run again"
        case .readFailed: "audit log \(path): cannot read: \(reason); check the disk, then run audit verify"
        case .writeFailed:
            "audit log \(path): cannot write a record: \(reason); free disk space or fix the disk, then run "
                + "audit verify before the next run"
        case .syncFailed:
            "audit log \(path): cannot flush a record to disk: \(reason); check the disk, then run audit verify "
                + "before the next run"
        case .chainBroken: "audit log \(path): \(reason)"
        default: "audit log \(path): the writer is closed: \(reason); no more records are written in this run"
        }
    }

    public var debugDescription: String {
        "AuditLogError(\(code), path: \(path), reason: \(reason), at: \(location))"
    }
}
