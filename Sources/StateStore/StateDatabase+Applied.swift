public import Foundation
import GRDB
public import OrganizerSyncCore

extension StateDatabase {
    /// What to change in the managed accounts together with marking an action applied.
    public enum ManagedUpdate: Sendable, Hashable {
        /// Save (upsert) this account, as ``StateDatabase/saveManaged(_:target:)`` does.
        case save(SyncState.ManagedAccount)
        /// Forget this anchor, as ``StateDatabase/forgetManaged(anchor:target:)`` does.
        case forget(anchor: String)
    }

    /// Records that action `actionIndex` of the plan `planDigest` succeeded on `target`.
    ///
    /// A rerun of the same plan (after a crash) then never does it twice. Marking an action twice is harmless.
    /// - Parameters:
    ///   - planDigest: the plan's digest.
    ///   - actionIndex: the action's index in the target's plan.
    ///   - target: the target's name.
    ///   - update: a change to the managed accounts made in the same transaction as the mark, so that a crash
    ///     cannot keep one without the other.
    /// - Throws: ``StateStoreError`` `providerIDConflict` from the update (then nothing is recorded, not even
    ///   the mark); `invalidValue`; `writeFailed`.
    public func markApplied(
        planDigest: String,
        actionIndex: Int,
        target: String,
        recording update: ManagedUpdate? = nil
    ) throws(StateStoreError) {
        guard !planDigest.isEmpty, actionIndex >= 0 else {
            throw StateStoreError(
                .invalidValue,
                path: path,
                reason: "target '\(target)': an applied action needs a plan digest and an index of 0 or more"
            )
        }
        switch update {
        case .save(let account): try validate(target: target, anchor: account.anchor)
        case .forget, nil: try validate(target: target, anchor: nil)
        }
        try write("mark action \(actionIndex) of target '\(target)' applied") { db in
            switch update {
            case .save(let account): try self.save(account, target: target, db)
            case .forget(let anchor): try Self.forget(anchor: anchor, target: target, db)
            case nil: break
            }
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO applied_action (plan_digest, target, action_index, applied_at)
                    VALUES (?, ?, ?, ?)
                    """,
                arguments: [planDigest, target, actionIndex, Date().timeIntervalSince1970]
            )
        }
    }

    /// The actions of the plan `planDigest` already applied, as `"target#index"`.
    /// - Parameter planDigest: the plan's digest.
    /// - Returns: the keys, empty when none was applied.
    /// - Throws: ``StateStoreError`` `readFailed`.
    public func appliedActions(planDigest: String) throws(StateStoreError) -> Set<String> {
        try read("read the applied actions") { db in
            var keys: Set<String> = []
            let rows = try Row.fetchCursor(
                db,
                sql: "SELECT target, action_index FROM applied_action WHERE plan_digest = ?",
                arguments: [planDigest]
            )
            while let row = try rows.next() {
                keys.insert("\(row[0] as String)#\(row[1] as Int)")
            }
            return keys
        }
    }

    /// Forgets the applied-action marks made before `cutoff`.
    ///
    /// Apply refuses plans older than
    /// `apply.max_plan_age_minutes`, so marks older than that can never be consulted again.
    /// - Parameter cutoff: marks applied before this time are removed.
    /// - Returns: how many marks were removed.
    /// - Throws: ``StateStoreError`` `writeFailed`.
    @discardableResult
    public func pruneAppliedActions(before cutoff: Date) throws(StateStoreError) -> Int {
        try write("prune applied actions") { db in
            try db.execute(
                sql: "DELETE FROM applied_action WHERE applied_at < ?",
                arguments: [cutoff.timeIntervalSince1970]
            )
            return db.changesCount
        }
    }
}
