import Foundation
import GRDB

/// The state store's schema, as GRDB migrations named `v1`, `v2`, ….
///
/// A migration, once released, is never edited: a change to the schema is a new migration appended here.
/// A database holding a migration this list does not know was written by a newer organizer-sync and is
/// refused (``StateDatabase/init(path:)``), since this version cannot know what that migration changed.
enum StateMigrations {
    /// The migrations, in order.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2", migrate: v2)
        return migrator
    }()

    /// The names of the migrations this version knows.
    static let known: Set<String> = ["v1", "v2"]

    /// The store's identity (a random UUID, given once) and generation (one more for each run that writes), and
    /// the generation each run wrote; a v1 store gets its identity here, at generation 0.
    private static func v2(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE store_identity (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    uuid TEXT NOT NULL,
                    generation INTEGER NOT NULL,
                    created_at REAL NOT NULL
                );
                ALTER TABLE run ADD COLUMN state_generation INTEGER;
                """
        )
        try db.execute(
            sql: "INSERT INTO store_identity (id, uuid, generation, created_at) VALUES (1, ?, 0, ?)",
            arguments: [UUID().uuidString.lowercased(), Date().timeIntervalSince1970]
        )
    }

    /// Creates the tables.
    ///
    /// Times are seconds since 1970 (`REAL`). JSON columns hold a JSON array or object (`NULL` when empty).
    private static func v1(_ db: Database) throws {
        // The accounts organizer-sync manages, per target, by directory anchor. A provider id belongs to one
        // anchor of a target at most (the partial unique index; Zoom users still pending have none).
        try db.execute(
            sql: """
                CREATE TABLE managed_account (
                    target TEXT NOT NULL,
                    anchor TEXT NOT NULL,
                    provider_id TEXT,
                    email TEXT NOT NULL,
                    suspended_at REAL,
                    suspended_licences TEXT,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (target, anchor)
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX managed_account_provider_id
                    ON managed_account (target, provider_id) WHERE provider_id IS NOT NULL;
                CREATE TABLE target_state (
                    target TEXT NOT NULL PRIMARY KEY,
                    last_in_scope_count INTEGER,
                    updated_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE run (
                    id TEXT NOT NULL UNIQUE,
                    command TEXT NOT NULL,
                    started_at REAL NOT NULL,
                    user TEXT NOT NULL,
                    host TEXT NOT NULL,
                    config_digest TEXT,
                    plan_digest TEXT,
                    finished_at REAL,
                    result TEXT,
                    counts TEXT,
                    audit_seq INTEGER,
                    audit_hash TEXT
                );
                CREATE INDEX run_started_at ON run (started_at);
                CREATE TABLE audit_head (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    seq INTEGER NOT NULL,
                    hash TEXT NOT NULL,
                    run_id TEXT NOT NULL,
                    recorded_at REAL NOT NULL
                );
                CREATE TABLE applied_action (
                    plan_digest TEXT NOT NULL,
                    target TEXT NOT NULL,
                    action_index INTEGER NOT NULL,
                    applied_at REAL NOT NULL,
                    PRIMARY KEY (plan_digest, target, action_index)
                ) WITHOUT ROWID;
                """
        )
    }
}
