import ArgumentParser
import Foundation
import Logging
import SyncApply
import SyncConfiguration
import SyncPlanning

/// `organizer-sync reconcile`: plan and apply in one step, for schedulers.
struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Plan and apply in one step, for schedulers; stops itself when a safety gate trips.",
        discussion: """
            Takes the state lock, plans every target (or those named), keeps the plan in state.runs_dir, and \
            applies it unless a threshold or guard tripped: then nothing is changed and the run ends blocked \
            (exit 3) unless --override names every gate tripped. Writes a JSON summary beside the kept plan \
            and, when state.metrics_file is set, Prometheus metrics for node_exporter's textfile collector.

            Exit codes: 0 done (or nothing to do), 6 some changes failed or were skipped, 3 blocked by a gate, \
            4 another run holds the lock, 1 error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("target"), help: "Reconcile only this target (repeat for several); default: every target.")
    var targets: [String] = []

    @Option(name: .customLong("override"), help: "Apply although this gate tripped (repeat for each gate).")
    var overrides: [String] = []

    func run() async throws {
        let logger = global.makeLogger()
        let started = Date()
        var code = ExitCodes.failure
        do {
            let configuration = try global.loadConfiguration()
            let command = CommandLine.arguments.joined(separator: " ")
            let session = try RunSession(
                database: configuration.state.database,
                auditLog: configuration.state.auditLog,
                command: command
            )
            code = await reconcile(configuration: configuration, session: session, command: command, started: started, logger: logger)
        } catch {
            code = ApplyCommand.exitCode(for: error)
            printError("error: \(String(describing: error))")
        }
        fflush(nil)
        Foundation.exit(code)
    }

    /// Plans, keeps the plan, applies unless blocked, and writes the summary and metrics. Never throws: every
    /// outcome ends the run's records and becomes an exit code.
    private func reconcile(
        configuration: Configuration,
        session: RunSession,
        command: String,
        started: Date,
        logger: Logger
    ) async -> Int32 {
        let keeper = RunKeeper(folder: configuration.state.runsFolder, run: session.id, keep: configuration.state.keepRuns)
        var plan: Plan?
        var planFile: String?
        var ending = ApplyRun.Ending(result: "failed", code: ExitCodes.failure, report: nil)
        var failure: String?
        var begun = false
        do {
            let run = try await PlanningRun.run(configuration: configuration, names: targets, state: session.state, logger: logger)
            plan = run.plan
            planFile = try keeper.keep(plan: run.plan)
            try session.begin(
                toolVersion: OrganizerSync.configuration.version,
                configDigest: run.plan.configDigest,
                planDigest: run.plan.digest
            )
            begun = true
            print(PlanRenderer().render(run.plan), terminator: "")
            let tripped = Set(run.plan.targets.flatMap { $0.gates.map(\.name) })
            let standing = tripped.subtracting(overrides)
            if !standing.isEmpty {
                try session.finish(result: "blocked", counts: [:])
                ending = .init(result: "blocked", code: ExitCodes.blocked, report: nil)
                failure = "blocked by \(standing.sorted().joined(separator: ", ")); nothing was changed"
                printError("reconcile: \(failure ?? "")")
            } else if configuration.signing.requiredApprovals > 0, run.plan.hasChanges {
                // Four-eyes review cannot happen inside one unattended run: its changes go through plan, approve, apply.
                try session.finish(result: "failed", counts: [:])
                ending = .init(result: "failed", code: ExitCodes.planRefused, report: nil)
                failure = "apply.require_approvals is set: reconcile changes nothing; use plan --out, approve, apply"
                printError("reconcile: \(failure ?? "")")
            } else {
                if !tripped.isEmpty {
                    printError("reconcile: applying although \(tripped.sorted().joined(separator: ", ")) tripped (--override)")
                }
                var options = ApplyOptions(
                    configDigest: run.plan.configDigest,
                    maxPlanAge: configuration.state.maxPlanAge,
                    overriddenGates: tripped,
                    concurrency: configuration.state.concurrency
                )
                // This process read the directory itself: its counts are observed, not taken from a file.
                options.observedInScopeCounts = Dictionary(
                    run.plan.targets.map { ($0.target, $0.inScopeCount) },
                    uniquingKeysWith: { first, _ in first }
                )
                ending = try await ApplyRun.apply(
                    run.plan,
                    configuration: configuration,
                    session: session,
                    options: options,
                    logger: logger
                )
            }
        } catch {
            // A run that failed before applying is still recorded, so the run history shows it.
            if !begun {
                try? session.begin(
                    toolVersion: OrganizerSync.configuration.version,
                    configDigest: plan?.configDigest ?? "",
                    planDigest: plan?.digest
                )
                try? session.finish(result: "failed", counts: [:])
            }
            ending = .init(result: "failed", code: ApplyCommand.exitCode(for: error), report: nil)
            if ending.code == ExitCodes.blocked { ending.result = "blocked" }
            failure = String(describing: error)
            printError("error: \(failure ?? "")")
        }
        let finished = Date()
        let summary = RunSummary(
            run: session.id,
            result: ending.result,
            exitCode: ending.code,
            startedAt: started.formatted(.iso8601),
            finishedAt: finished.formatted(.iso8601),
            durationSeconds: finished.timeIntervalSince(started),
            plan: plan,
            planFile: planFile,
            report: ending.report,
            error: failure
        )
        do {
            try keeper.keep(summary: summary)
            if let metricsFile = configuration.state.metricsFile {
                let metrics = RunMetrics(
                    plan: plan,
                    report: ending.report,
                    result: ending.result,
                    finishedAt: finished.timeIntervalSince1970,
                    duration: finished.timeIntervalSince(started)
                )
                try RunKeeper.writeAtomically(Data(metrics.render().utf8), to: metricsFile, permissions: 0o644)
            }
            keeper.prune()
        } catch {
            printError("error: could not write the run summary or metrics: \(error)")
            if ending.code == ExitCodes.success { ending.code = ExitCodes.failure }
        }
        return ending.code
    }
}
