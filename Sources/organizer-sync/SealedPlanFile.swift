import SyncPlanning
import SyncRuns

/// A saved plan read for a command that only looks at it or signs it (`show-plan`, `approve`).
enum SealedPlanFile {
    /// Reads the plan at `path` and checks its seal.
    ///
    /// A file that is missing or cannot be opened is an error (exit 1, as `apply` says); anything else that
    /// fails refuses the plan: the command never shows or approves something it could not verify.
    /// - Parameter path: the plan file written by `plan --out`.
    /// - Returns: the plan, its seal verified.
    /// - Throws: ``SyncRuns/RunError`` for a missing or unreadable file; otherwise ``CommandError`` with code
    ///   `planRefused` (exit 7), naming the file.
    static func read(_ path: String) throws -> Plan {
        do {
            let plan = try ApplyRun.readPlan(path)
            try plan.verify()
            return plan
        } catch let error as RunError {
            throw error
        } catch {
            throw CommandError(.planRefused, "\(path): \(error)")
        }
    }
}
