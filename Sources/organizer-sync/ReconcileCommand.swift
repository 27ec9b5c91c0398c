import ArgumentParser
import SyncApply
import SyncConfiguration
import SyncPlanning
import SyncRuns

/// `organizer-sync reconcile`: plan and apply in one step, for schedulers.
struct ReconcileCommand: OrganizerSyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Plan and apply in one step, for schedulers; stops itself when a safety gate trips.",
        discussion: """
            Takes the state lock, plans every target (or those named), keeps the plan in state.runs_dir, and \
            applies it unless a threshold or guard tripped: then nothing is changed and the run ends blocked \
            (exit 3) unless --override names every gate tripped. Writes a JSON summary beside the kept plan \
            and, when state.metrics_file is set, Prometheus metrics for node_exporter's textfile collector.

            Exit codes: 0 done (or nothing to do), 6 some changes failed or were skipped or a \
            signal stopped the run, 3 blocked by a gate, \
            4 another run holds the lock, 1 error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("target"),
        help: "Reconcile only this target (repeat for several); default: every target."
    )
    var targets: [String] = []

    @OptionGroup var changes: ChangeRunOptions

    @Option(help: "Output: text (the plan and the summary) or json (the run summary; docs/json-output.md).")
    var format: ReportFormat = .text

    func execute() async throws -> ExitReason {
        let (logger, configuration) = try global.loggerAndConfiguration()
        let run = try await ReconcileRun.run(
            configuration: configuration,
            targets: targets,
            overrides: Set(changes.overrides),
            command: CommandLine.arguments.joined(separator: " "),
            newState: changes.newState,
            reason: try changes.attribution.checked(),
            logger: logger
        )
        if format == .text, let plan = run.plan, run.planFile != nil {
            print(PlanRenderer().render(plan), terminator: "")
        }
        if !run.standingGates.isEmpty {
            printError("reconcile: \(run.failureText ?? "")")
        } else if !run.trippedGates.isEmpty {
            printError(
                "reconcile: applying although \(run.trippedGates.sorted().joined(separator: ", ")) tripped (--override)"
            )
        }
        if format == .json, var summary = run.summary {
            // The status may have changed after the summary was kept (it could not be written).
            summary.exitCode = run.ending.status.rawValue
            print(try RunJSONOutput(command: "reconcile", summary: summary).json())
        } else if format == .text, let report = run.ending.report, let plan = run.plan {
            print(ApplyRun.summary(of: report, plan: plan, runID: run.runID, auditLog: configuration.state.auditLog))
        }
        if let failure = run.failure { printError(CommandExit.message(for: failure)) }
        if let failure = run.keepingFailure {
            printError("error: could not write the run summary or metrics: \(failure)")
        }
        return run.ending.status
    }
}
