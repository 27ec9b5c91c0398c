import Foundation
import GRDB
public import OrganizerSyncCore

extension StateDatabase {
    /// What the store remembers about `target`: its managed accounts and its last in-scope count.
    ///
    /// The accounts come in anchor order. A target never written has an empty state.
    /// - Parameter target: the target's name.
    /// - Returns: the target's state.
    /// - Throws: ``StateStoreError`` `readFailed`, or `corrupt` when stored licences cannot be decoded.
    public func state(target: String) throws(StateStoreError) -> SyncState {
        let path = path
        return try read("read the state of target '\(target)'") { db in
            var accounts: [SyncState.ManagedAccount] = []
            let statement = try db.cachedStatement(
                sql: """
                    SELECT anchor, provider_id, email, suspended_at, suspended_licences
                    FROM managed_account WHERE target = ? ORDER BY anchor
                    """
            )
            let rows = try Row.fetchCursor(statement, arguments: [target])
            while let row = try rows.next() {
                let licences: [String]
                if let json: String = row[4] {
                    guard let decoded = try? JSONDecoder().decode([String].self, from: Data(json.utf8)) else {
                        throw StateStoreError(
                            .corrupt,
                            path: path,
                            reason: "target '\(target)': a managed account's suspended licences are not a JSON array",
                            detail: "anchor \(row[0] as String)"
                        )
                    }
                    licences = decoded
                } else {
                    licences = []
                }
                accounts.append(
                    SyncState.ManagedAccount(
                        anchor: row[0],
                        providerID: row[1],
                        email: row[2],
                        suspendedAt: row[3],
                        suspendedLicences: licences
                    )
                )
            }
            let count = try Int.fetchOne(
                db,
                sql: "SELECT last_in_scope_count FROM target_state WHERE target = ?",
                arguments: [target]
            )
            return SyncState(accounts: accounts, lastInScopeCount: count)
        }
    }

    /// Records `account` for `target`: inserts it, or replaces what is stored for its anchor.
    /// - Parameters:
    ///   - account: the account; its anchor is the key.
    ///   - target: the target's name.
    /// - Throws: ``StateStoreError`` `providerIDConflict` when another anchor of the target holds the account's
    ///   provider id (nothing is changed: two directory users claiming one account needs a person to look);
    ///   `invalidValue` for an empty target or anchor; `writeFailed`.
    public func saveManaged(_ account: SyncState.ManagedAccount, target: String) throws(StateStoreError) {
        try validate(target: target, anchor: account.anchor)
        try write("save a managed account of target '\(target)'") { db in
            try self.save(account, target: target, db)
        }
    }

    /// Records many accounts of `target` in one transaction: all of them, or none when one is refused.
    ///
    /// For
    /// recording a whole tenant at once (the links of a first apply), where one transaction per account would
    /// cost one `fsync` each.
    /// - Parameters:
    ///   - accounts: the accounts; a later one with the same anchor replaces an earlier one.
    ///   - target: the target's name.
    /// - Throws: ``StateStoreError`` as ``saveManaged(_:target:)`` does, for the first account refused.
    public func saveManaged(contentsOf accounts: [SyncState.ManagedAccount], target: String) throws(StateStoreError) {
        for account in accounts { try validate(target: target, anchor: account.anchor) }
        try write("save \(accounts.count) managed accounts of target '\(target)'") { db in
            for account in accounts { try self.save(account, target: target, db) }
        }
    }

    /// Forgets the account `anchor` of `target` (after a delete).
    ///
    /// Forgetting an anchor not stored does nothing.
    /// - Parameters:
    ///   - anchor: the directory anchor.
    ///   - target: the target's name.
    /// - Throws: ``StateStoreError`` `writeFailed`.
    public func forgetManaged(anchor: String, target: String) throws(StateStoreError) {
        try write("forget a managed account of target '\(target)'") { db in
            try Self.forget(anchor: anchor, target: target, db)
        }
    }

    /// Records how many directory users were in scope for `target` at this run (for the shrink guard).
    /// - Parameters:
    ///   - count: the in-scope count, zero or more.
    ///   - target: the target's name.
    /// - Throws: ``StateStoreError`` `invalidValue` for a negative count or an empty target; `writeFailed`.
    public func setLastInScopeCount(_ count: Int, target: String) throws(StateStoreError) {
        guard count >= 0 else {
            throw StateStoreError(.invalidValue, path: path, reason: "target '\(target)': a negative in-scope count")
        }
        try validate(target: target, anchor: nil)
        try write("record the in-scope count of target '\(target)'") { db in
            try db.execute(
                sql: """
                    INSERT INTO target_state (target, last_in_scope_count, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (target) DO UPDATE SET
                        last_in_scope_count = excluded.last_in_scope_count, updated_at = excluded.updated_at
                    """,
                arguments: [target, count, Date().timeIntervalSince1970]
            )
        }
    }

    /// The upsert behind ``saveManaged(_:target:)``, inside the caller's transaction.
    func save(_ account: SyncState.ManagedAccount, target: String, _ db: Database) throws {
        if let providerID = account.providerID {
            let holder = try String.fetchOne(
                db.cachedStatement(
                    sql: "SELECT anchor FROM managed_account WHERE target = ? AND provider_id = ? AND anchor <> ?"
                ),
                arguments: [target, providerID, account.anchor]
            )
            if let holder {
                throw StateStoreError(
                    .providerIDConflict,
                    path: path,
                    reason: "target '\(target)': the provider account is already recorded for another directory "
                        + "user; nothing was changed",
                    detail: "provider id \(providerID) is held by anchor \(holder), not \(account.anchor)"
                )
            }
        }
        let licences: String? =
            account.suspendedLicences.isEmpty
            ? nil : String(decoding: try JSONEncoder().encode(account.suspendedLicences), as: UTF8.self)
        // A cached statement: a batch of 100,000 accounts compiles it once.
        try db.cachedStatement(
            sql: """
                INSERT INTO managed_account
                    (target, anchor, provider_id, email, suspended_at, suspended_licences, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (target, anchor) DO UPDATE SET
                    provider_id = excluded.provider_id, email = excluded.email,
                    suspended_at = excluded.suspended_at, suspended_licences = excluded.suspended_licences,
                    updated_at = excluded.updated_at
                """
        ).execute(
            arguments: [
                target, account.anchor, account.providerID, account.email, account.suspendedAt, licences,
                Date().timeIntervalSince1970,
            ]
        )
    }

    /// The delete behind ``forgetManaged(anchor:target:)``, inside the caller's transaction.
    static func forget(anchor: String, target: String, _ db: Database) throws {
        try db.execute(
            sql: "DELETE FROM managed_account WHERE target = ? AND anchor = ?",
            arguments: [target, anchor]
        )
    }

    /// Refuses an empty target name or anchor, which could only come from a bug.
    func validate(target: String, anchor: String?) throws(StateStoreError) {
        guard !target.isEmpty else {
            throw StateStoreError(.invalidValue, path: path, reason: "an empty target name")
        }
        guard anchor.map({ !$0.isEmpty }) ?? true else {
            throw StateStoreError(.invalidValue, path: path, reason: "target '\(target)': an empty directory anchor")
        }
    }
}
