public import Foundation
public import OrganizerSyncCore
public import SyncApply
public import SyncPlanning

extension RunSummary {
    /// The summary of a run that started at `started` and ends now.
    ///
    /// - Parameters:
    ///   - run: The run's id.
    ///   - outcome: How the run ended.
    ///   - status: The exit status it ends with.
    ///   - started: When it started.
    ///   - plan: The plan it applied, if it got that far.
    ///   - planFile: The plan's file.
    ///   - report: What apply did, if it ran.
    ///   - error: Why it failed, if it did (an error's public description).
    public init(
        run: String,
        ending outcome: RunOutcome,
        status: ExitReason,
        started: Date,
        plan: Plan?,
        planFile: String?,
        report: ApplyReport?,
        error: String?
    ) {
        let finished = Date()
        self.init(
            run: run,
            result: outcome,
            exitCode: status.rawValue,
            startedAt: started.formatted(.iso8601),
            finishedAt: finished.formatted(.iso8601),
            durationSeconds: finished.timeIntervalSince(started),
            plan: plan,
            planFile: planFile,
            report: report,
            error: error
        )
    }
}
