/// Why ``StateLock/acquire(databasePath:command:)`` failed.
///
/// Compare errors by ``code``. ``description`` names the lock file and, when another organizer-sync holds the
/// lock, its pid, command line and start time, read from the lock file. It holds no personal data.
public struct StateLockError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of failure.
    ///
    /// New kinds can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case held, cannotOpen, lockFailed }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// Another process holds the lock: another `apply` or `reconcile` runs on the same state store.
        public static let held = Code(.held)
        /// The lock file or a parent folder could not be created or opened.
        public static let cannotOpen = Code(.cannotOpen)
        /// `flock` failed for another reason than the lock being held (a file system without locks).
        public static let lockFailed = Code(.lockFailed)

        public var description: String { base.rawValue }
    }

    /// Who holds the lock, as the holder wrote it into the lock file; each part `nil` when the file does not
    /// say (a process that is not organizer-sync holds it, or the holder has not written yet).
    public struct Holder: Sendable, Hashable {
        /// The holder's process id.
        public var pid: Int32?
        /// The holder's command line (`apply plan.json`).
        public var command: String?
        /// When the holder took the lock (ISO 8601, UTC).
        public var since: String?
    }

    /// The kind of failure.
    public var code: Code
    /// The lock file (`<database>.lock`).
    public var path: String
    /// Who holds the lock, for ``Code/held``.
    public var holder: Holder?
    /// The system's reason (`strerror`), for the other codes.
    public var reason: String?
    /// Where the error was made (`file:line`).
    var location: String

    /// Another process holds the lock.
    public static func held(by holder: Holder, path: String, file: String = #fileID, line: Int = #line) -> Self {
        Self(code: .held, path: path, holder: holder, reason: nil, location: "\(file):\(line)")
    }

    /// The lock file could not be opened or locked (``Code/cannotOpen``, ``Code/lockFailed``), for `reason`.
    static func failed(_ code: Code, path: String, reason: String, file: String = #fileID, line: Int = #line) -> Self {
        Self(code: code, path: path, holder: nil, reason: reason, location: "\(file):\(line)")
    }

    public static func == (lhs: StateLockError, rhs: StateLockError) -> Bool { lhs.code == rhs.code }

    /// `another organizer-sync (pid 1234, `apply plan.json`, since 2026-11-23T21:40:00Z) holds the lock on
    /// /var/lib/organizer-sync/state.sqlite.lock; nothing was done`.
    public var description: String {
        switch code {
        case .held:
            var parts: [String] = []
            if let pid = holder?.pid { parts.append("pid \(pid)") }
            if let command = holder?.command { parts.append("`\(command)`") }
            if let since = holder?.since { parts.append("since \(since)") }
            let who = parts.isEmpty ? "another process" : "another organizer-sync (\(parts.joined(separator: ", ")))"
            return "\(who) holds the lock on \(path); nothing was done: run again when it has ended"
        case .cannotOpen:
            return "state lock \(path): cannot open: \(reason ?? "unknown reason"); the user organizer-sync runs as "
                + "must be able to create and write it beside state.database"
        default:
            return "state lock \(path): cannot lock: \(reason ?? "unknown reason"); the state folder must be on a "
                + "local file system that supports flock"
        }
    }

    public var debugDescription: String {
        "StateLockError(\(code), path: \(path), holder: \(holder.map { "\($0)" } ?? "nil"), "
            + "reason: \(reason ?? "nil"), at: \(location))"
    }
}
