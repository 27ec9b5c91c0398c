/// Why the state store could not be opened, read or written.
///
/// Compare errors by ``code``. ``description`` names the database file and says what failed; it never holds
/// personal data (anchors, emails, provider ids), so it is safe to print and log. Those go only into
/// ``debugDescription``.
public struct StateStoreError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of failure.
    ///
    /// New kinds can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case cannotOpen, newerVersion, migrationFailed, providerIDConflict, unknownRun, duplicateRun
            case invalidValue, corrupt, readFailed, writeFailed, refused
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The file or a parent folder could not be created, or the file is not an SQLite database.
        public static let cannotOpen = Code(.cannotOpen)
        /// The database was written by a newer organizer-sync (it holds migrations this version does not know).
        public static let newerVersion = Code(.newerVersion)
        /// A migration failed; the database is left as it was before it (each migration is one transaction).
        public static let migrationFailed = Code(.migrationFailed)
        /// The provider id is already recorded for another directory anchor of the same target.
        public static let providerIDConflict = Code(.providerIDConflict)
        /// `finishRun` named a run that `beginRun` never recorded.
        public static let unknownRun = Code(.unknownRun)
        /// `beginRun` named a run id that is already recorded.
        public static let duplicateRun = Code(.duplicateRun)
        /// A value cannot be stored (an empty target or anchor, a negative count).
        public static let invalidValue = Code(.invalidValue)
        /// A stored value cannot be read back (edited by hand, or damaged).
        public static let corrupt = Code(.corrupt)
        /// SQLite failed while reading.
        public static let readFailed = Code(.readFailed)
        /// SQLite failed while writing; the transaction was rolled back, nothing of it was stored.
        public static let writeFailed = Code(.writeFailed)
        /// The store is missing, empty, older than the audit log says or of another identity, while the audit log
        /// or the runs folder shows history: it was lost or replaced.
        ///
        /// Nothing was read or written.
        public static let refused = Code(.refused)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The database file.
    public var path: String
    /// What failed, in words; never personal data.
    public var reason: String
    /// The values involved (anchors, provider ids); personal data, so only ``debugDescription`` shows it.
    var detail: String?
    /// Where the error was made (`file:line`).
    var location: String
    /// The cause (a GRDB `DatabaseError`, whose description holds the SQL but not its arguments).
    public var underlyingError: (any Error)?

    /// Makes a ``Code/refused`` error (the refusal of a lost or replaced store is decided outside the store).
    public init(refusing path: String, reason: String, file: String = #fileID, line: Int = #line) {
        self.init(.refused, path: path, reason: reason, file: file, line: line)
    }

    init(
        _ code: Code,
        path: String,
        reason: String,
        detail: String? = nil,
        underlyingError: (any Error)? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.path = path
        self.reason = reason
        self.detail = detail
        self.underlyingError = underlyingError
        self.location = "\(file):\(line)"
    }

    public static func == (lhs: StateStoreError, rhs: StateStoreError) -> Bool { lhs.code == rhs.code }

    public var description: String {
        let next =
            switch code {
            case .cannotOpen where !reason.contains(";"):
                "; check state.database: it must name an organizer-sync state store (a missing one is created) in "
                    + "a folder the user organizer-sync runs as owns"
            case .migrationFailed:
                "; check the disk (space, errors) and run again; if it persists, restore the store from a backup or "
                    + "rebuild it with organizer-sync state rebuild --from-audit"
            case .readFailed, .writeFailed:
                "; check the disk (space, errors), then run again: a change that was not recorded is found by the "
                    + "next run"
            default: ""
            }
        return "state store \(path): \(reason)\(next)"
    }

    public var debugDescription: String {
        var text = "StateStoreError(\(code), path: \(path), reason: \(reason)"
        if let detail { text += ", detail: \(detail)" }
        if let underlyingError { text += ", underlying: \(String(reflecting: underlyingError))" }
        return text + ", at: \(location))"
    }
}
