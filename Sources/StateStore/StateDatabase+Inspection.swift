import GRDB

extension StateDatabase {
    /// The value of `PRAGMA name` (`journal_mode`, `synchronous`), for tests and diagnostics.
    func pragma(_ name: String) throws(StateStoreError) -> String? {
        try read("read PRAGMA \(name)") { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// Runs `sql` in one write transaction.
    ///
    /// For tests that need a database in a shape the API never makes
    /// (a migration from a newer version, a damaged value).
    func execute(sql: String) throws(StateStoreError) {
        try write("run a statement") { db in try db.execute(sql: sql) }
    }
}
