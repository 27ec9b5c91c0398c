import ArgumentParser
import Foundation
import Logging
import OrganizerSyncCore
import SyncApply
import SyncConfiguration
import SyncPlanning
import SyncRuns

/// `organizer-sync apply PLAN`: carries out a saved plan, and nothing that is not in it.
struct ApplyCommand: OrganizerSyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Carry out a plan saved by plan --out, and nothing that is not in it.",
        discussion: """
            Refuses a plan whose seal does not verify, that was made from another configuration or mapping, \
            that is older than apply.max_plan_age_minutes, or that a gate blocked (unless --override names every \
            gate it tripped). Lists each target's accounts again and checks the thresholds against them. Each \
            change is checked against the account as the plan saw it: an account that changed since is skipped, \
            never overwritten. Every change is written to the audit log before and after it is made.

            Exit codes: 0 every change made, 6 some failed or were skipped (see the summary), 3 blocked by a \
            gate, 7 plan refused, 4 another run holds the lock, 1 error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The plan file written by plan --out.")
    var planFile: String

    @OptionGroup var changes: ChangeRunOptions

    @Option(help: "Output: text (the summary) or json (docs/json-output.md).")
    var format: ReportFormat = .text

    func execute() async throws -> ExitReason {
        let logger = global.makeLogger()
        let started = Date()
        let runID = logger[metadataKey: "run_id"].map { "\($0)" } ?? ""
        do {
            let configuration = try global.loadConfiguration()
            let (plan, ending) = try await ApplyRun.run(
                planFile: planFile,
                overrides: Set(changes.overrides),
                configuration: configuration,
                command: CommandLine.arguments.joined(separator: " "),
                newState: changes.newState,
                reason: try changes.attribution.checked(),
                logger: logger
            )
            switch format {
            case .text:
                if let report = ending.report, let runID = ending.runID {
                    print(
                        ApplyRun.summary(of: report, plan: plan, runID: runID, auditLog: configuration.state.auditLog)
                    )
                }
            case .json:
                print(try json(ending.runID ?? runID, ending.outcome, ending.status, started, plan, ending.report, nil))
            }
            return ending.status
        } catch {
            // A machine reading stdout gets the failure as JSON too; the one exit path prints it on stderr.
            if format == .json {
                print(try json(runID, .failed, ExitReason(for: error), started, nil, nil, "\(error)"))
            }
            throw error
        }
    }

    /// The run as `--format json` prints it.
    private func json(
        _ runID: String,
        _ outcome: RunOutcome,
        _ status: ExitReason,
        _ started: Date,
        _ plan: Plan?,
        _ report: ApplyReport?,
        _ error: String?
    ) throws -> String {
        let finished = Date()
        let summary = RunSummary(
            run: runID,
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
        return try RunJSONOutput(command: "apply", summary: summary).json()
    }
}
