import SyncPlanning
import SyncRuns

/// A saved plan read for a command that only looks at it or signs it (`show-plan`, `approve`).
enum SealedPlanFile {
    /// Reads the plan at `path` and checks its seal.
    ///
    /// Any failure, a missing or unreadable file included, refuses the plan: the command never shows or
    /// approves something it could not verify.
    /// - Parameter path: the plan file written by `plan --out`.
    /// - Returns: the plan, its seal verified.
    /// - Throws: ``CommandError`` with code `planRefused` (exit 7), naming the file.
    static func read(_ path: String) throws(CommandError) -> Plan {
        do {
            let plan = try ApplyRun.readPlan(path)
            try plan.verify()
            return plan
        } catch {
            throw CommandError(.planRefused, "\(path): \(error)")
        }
    }
}
