import Foundation
import GRDB
import OrganizerSyncCore

/// The state store: what organizer-sync remembers about each target between runs (the accounts it manages,
/// when it suspended them, the in-scope count of the last run), the run history, the audit log's head, and
/// which actions of a plan were already applied.
///
/// An SQLite database in WAL mode, opened through one GRDB `DatabaseQueue`. Every write is one transaction, so
/// `kill -9` between (or during) any two calls leaves the database as it was after the last committed call.
/// Other processes may read it at the same time (a `plan` while an `apply` runs); a write waits up to 10 s for
/// another process's write to end. Two runs that write are kept apart by ``StateLock``, not by this type.
public final class StateDatabase: Sendable {
    /// The database file.
    public let path: String
    /// `DatabaseQueue` is Sendable in GRDB 7: it serializes every access on its own dispatch queue.
    let queue: DatabaseQueue

    /// Opens the database, or creates it (missing parent folders with mode 0700, the file with 0600), and
    /// runs the migrations it lacks.
    ///
    /// Durability: `synchronous = FULL`, so that a committed write survives a power cut or an OS crash, not
    /// just `kill -9` (which WAL with `NORMAL` would already survive). The apply engine writes after each
    /// provider change and relies on that record to never do a change twice; the cost, one `fsync` of the WAL
    /// per commit, is small next to the provider request each commit follows.
    /// - Parameter path: the database file.
    /// - Throws: ``StateStoreError`` `cannotOpen` when a folder or the file cannot be created or the file is
    ///   not an SQLite database; `newerVersion` when a newer organizer-sync wrote it; `migrationFailed`.
    public init(path: String) throws(StateStoreError) {
        self.path = path
        do {
            try PrivateFiles.createParentFolders(of: path)
            try PrivateFiles.createFileIfMissing(path)
        } catch {
            throw StateStoreError(.cannotOpen, path: path, reason: error.reason)
        }
        do {
            // SQLite opens the files itself: each is checked first (no link, this user's, not writable by others).
            for file in [path, path + "-wal", path + "-shm"] { try OwnedFile.checkIfPresent(file) }
        } catch {
            throw StateStoreError(.cannotOpen, path: path, reason: String(describing: error))
        }
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(10)
        configuration.label = "organizer-sync.state"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            // After GRDB's WAL set-up, which sets NORMAL; a DatabaseQueue has one connection, so it sticks.
            try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        } catch {
            throw StateStoreError(
                .cannotOpen,
                path: path,
                reason: "cannot open the database: \(Self.sqliteReason(error))",
                underlyingError: error
            )
        }
        try checkIntegrity()
        try migrate()
    }

    /// Runs SQLite's `PRAGMA quick_check`: a damaged file is refused before anything is read from it.
    private func checkIntegrity() throws(StateStoreError) {
        let findings: [String]
        do {
            findings = try queue.read { try String.fetchAll($0, sql: "PRAGMA quick_check") }
        } catch {
            throw StateStoreError(
                .corrupt,
                path: path,
                reason: "SQLite's quick_check cannot read it: \(Self.sqliteReason(error)); restore it from a backup "
                    + "or rebuild it with organizer-sync state rebuild --from-audit",
                underlyingError: error
            )
        }
        guard findings == ["ok"] else {
            // quick_check names pages, tables and indexes, never the values stored.
            throw StateStoreError(
                .corrupt,
                path: path,
                reason: "damaged: SQLite's quick_check found \(findings.count) problem(s), the first: "
                    + "\(findings.first ?? ""); restore it from a backup or rebuild it with organizer-sync state "
                    + "rebuild --from-audit"
            )
        }
    }

    /// Refuses a database from a newer organizer-sync, then applies the migrations it lacks.
    private func migrate() throws(StateStoreError) {
        let migrator = StateMigrations.migrator
        let applied: Set<String>
        do {
            applied = try queue.read { try migrator.appliedIdentifiers($0) }
        } catch {
            throw StateStoreError(
                .cannotOpen,
                path: path,
                reason: "cannot read the schema version: \(Self.sqliteReason(error))",
                underlyingError: error
            )
        }
        let unknown = applied.subtracting(StateMigrations.known).sorted()
        guard unknown.isEmpty else {
            throw StateStoreError(
                .newerVersion,
                path: path,
                reason: "written by a newer organizer-sync (schema migrations \(unknown.joined(separator: ", ")) "
                    + "are unknown to this version, which knows \(StateMigrations.known.sorted().joined(separator: ", "))); "
                    + "use that version or a later one"
            )
        }
        do {
            try migrator.migrate(queue)
        } catch {
            throw StateStoreError(
                .migrationFailed,
                path: path,
                reason: "a schema migration failed: \(Self.sqliteReason(error))",
                underlyingError: error
            )
        }
    }

    /// Runs `body` in one write transaction.
    ///
    /// A ``StateStoreError`` thrown by `body` rolls it back and comes out
    /// as is; any other error rolls it back and comes out as `writeFailed`.
    func write<T>(_ what: String, _ body: (Database) throws -> T) throws(StateStoreError) -> T {
        do {
            return try queue.write(body)
        } catch let error as StateStoreError {
            throw error
        } catch {
            throw StateStoreError(
                .writeFailed,
                path: path,
                reason: "cannot \(what): \(Self.sqliteReason(error))",
                underlyingError: error
            )
        }
    }

    /// Runs `body` in one read transaction (a consistent snapshot, even while another process writes).
    func read<T: Sendable>(
        _ what: String,
        _ body: @Sendable (Database) throws -> T
    ) throws(StateStoreError) -> T {
        do {
            return try queue.read(body)
        } catch let error as StateStoreError {
            throw error
        } catch {
            throw StateStoreError(
                .readFailed,
                path: path,
                reason: "cannot \(what): \(Self.sqliteReason(error))",
                underlyingError: error
            )
        }
    }

    /// SQLite's result code and message (`SQLite error 26: file is not a database`).
    ///
    /// SQLite's messages name
    /// tables and columns, never the values bound to a statement, so they hold no personal data.
    static func sqliteReason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "\(error.resultCode)")"
        }
        return "\(type(of: error))"
    }
}
