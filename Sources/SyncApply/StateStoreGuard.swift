import AuditLog
import Foundation
public import StateStore

/// Refuses a state store that was lost or replaced while the audit log or the runs folder shows history.
///
/// A store that is missing or empty (zero bytes), whose identity is not the one the audit log's last run-start
/// record names, or whose generation is lower than that record's, would make a run treat known accounts as new:
/// renamed users would get a second account, the shrink guard and grace periods would start over. Such a store is
/// refused (``StateStoreError/Code/refused``) unless the administrator says `--new-state`.
public enum StateStoreGuard {
    /// What the check found.
    public struct Verdict: Sendable {
        /// The store, opened (and created when it was missing and nothing shows history, or with `--new-state`);
        /// `nil` when the check was only asked to look (``check(database:auditLog:runsFolder:allowNew:create:)``
        /// with `create` false) and no store exists.
        public var store: StateDatabase?
        /// With `--new-state`: what was found, for the run-start record and the log; `nil` otherwise.
        public var newStateNote: String?
        /// The store was kept but is foreign to or older than the log: it needs a new identity before a run
        /// writes it (`--new-state`).
        public var needsNewIdentity: Bool
    }

    /// Checks the store at `database` against the audit log and the runs folder.
    /// - Parameters:
    ///   - database: the state store file.
    ///   - auditLog: the audit log file.
    ///   - runsFolder: the folder where reconcile keeps its runs.
    ///   - allowNew: `--new-state`: go on with a new (or the found) store all the same.
    ///   - create: create a missing store (apply and reconcile); `plan` only looks.
    /// - Returns: the verdict with the opened store.
    /// - Throws: ``StateStoreError`` `refused`, or the store's and the log's own errors.
    public static func check(
        database: String,
        auditLog: String,
        runsFolder: String,
        allowNew: Bool,
        create: Bool
    ) throws -> Verdict {
        let size = (try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? nil
        let history = try AuditLogReader.history(path: auditLog)
        let runs = keptRuns(in: runsFolder)
        var evidence: [String] = []
        if history.hasRecords {
            evidence.append("the audit log \(auditLog) holds records up to seq \(history.head.seq)")
        }
        if runs > 0 { evidence.append("the runs folder \(runsFolder) holds \(runs) run(s)") }
        let found = evidence.joined(separator: " and ")

        guard let size, size > 0 else {
            if evidence.isEmpty {
                return Verdict(store: create ? try StateDatabase(path: database) : nil, needsNewIdentity: false)
            }
            let what = size == nil ? "missing" : "empty (0 bytes)"
            guard allowNew else { throw refusal(database, "is \(what), but \(found)") }
            if size == 0 && create { try FileManager.default.removeItem(atPath: database) }
            return Verdict(
                store: create ? try StateDatabase(path: database) : nil,
                newStateNote: "--new-state: the state store \(database) was \(what) while \(found); a new store was "
                    + "started",
                needsNewIdentity: false
            )
        }
        let store = try StateDatabase(path: database)
        let identity = try store.identity()
        guard let start = history.lastRunStart, let recordedID = start.stateId else {
            return Verdict(store: store, needsNewIdentity: false)
        }
        let problem: String
        if recordedID != identity.id {
            problem =
                "is another store (identity \(identity.id)) than the one the audit log's last run (\(start.run), "
                + "seq \(start.seq)) wrote (identity \(recordedID))"
        } else if let generation = start.stateGeneration, generation > identity.generation {
            problem =
                "is older than the audit log says: generation \(identity.generation), but the log's last run "
                + "(\(start.run), seq \(start.seq)) wrote generation \(generation) (restored from an older copy?)"
        } else {
            return Verdict(store: store, needsNewIdentity: false)
        }
        guard allowNew else { throw refusal(database, problem) }
        return Verdict(
            store: store,
            newStateNote: "--new-state: the state store \(database) \(problem); it was given a new identity",
            needsNewIdentity: true
        )
    }

    /// The refusal: what was found and what to do.
    static func refusal(_ database: String, _ problem: String) -> StateStoreError {
        StateStoreError(
            refusing: database,
            reason: "refused: the store \(problem). It was lost or replaced: planning or applying with it would "
                + "treat known accounts as new (renamed users would get a second account; the shrink guard and "
                + "grace periods would start over). Recover it with organizer-sync state rebuild --from-audit, "
                + "or start anew deliberately with --new-state"
        )
    }

    /// The run folders reconcile kept (their names start with a digit: run ids begin with the date).
    static func keptRuns(in folder: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.count { $0.first?.isNumber == true }
    }
}
