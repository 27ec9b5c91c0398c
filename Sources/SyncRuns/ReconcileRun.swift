import Foundation
public import Logging
import OrganizerSyncCore
public import SyncApply
public import SyncConfiguration
public import SyncPlanning

/// `reconcile`: takes the lock, plans, keeps the plan, applies it unless a gate stands, and writes the JSON
/// summary and the metrics.
///
/// Every outcome, errors included, ends the run's records and becomes a value.
public struct ReconcileRun: Sendable {
    /// The run's id (as in the audit log and the runs folder).
    public var runID: String
    /// The plan, when planning got that far.
    public var plan: Plan?
    /// Where the plan was kept.
    public var planFile: String?
    /// The gates the plan tripped.
    public var trippedGates: Set<String> = []
    /// The tripped gates not overridden: when any, nothing was applied.
    public var standingGates: Set<String> = []
    /// How the run ended.
    public var ending: ApplyRun.Ending
    /// The error that stopped the run (its description is in the summary).
    public var failure: (any Error)?
    /// Why the summary or the metrics could not be written; the run's status is then at least 1.
    public var keepingFailure: (any Error)?
    /// The summary kept beside the plan (`summary.json`), as `reconcile --format json` prints it.
    public var summary: RunSummary?

    /// Runs `reconcile`.
    /// - Parameters:
    ///   - configuration: the loaded configuration.
    ///   - targets: the targets to reconcile; empty means every target.
    ///   - overrides: the gates to apply through, by name.
    ///   - command: the command line, recorded in the lock file and the run history.
    ///   - newState: `--new-state`: go on although the state store is missing, empty, older or foreign.
    ///   - reason: `--reason` and `--ticket`; required from a terminal when `apply.require_reason` is set.
    ///   - stops: what stops the run (planning at once, applying between changes): the process's SIGINT and
    ///     SIGTERM unless told.
    ///   - logger: logs go to standard error.
    /// - Returns: the run; errors after the lock was taken are in it, never thrown.
    /// - Throws: `StateLockError` when another run holds the lock, and errors opening the state store or the
    ///   audit log: then no run was recorded; ``RunError`` `reasonRequired` before anything was read.
    public static func run(
        configuration: Configuration,
        targets: [String],
        overrides: Set<String>,
        command: String,
        newState: Bool = false,
        reason: RunReason = RunReason(),
        stops: StopRequests = .signals,
        logger: Logger
    ) async throws -> ReconcileRun {
        let scheduler = RunScheduler.current()
        // Started from a terminal and not by a scheduler: a person ran it.
        try reason.require(
            configuration,
            command: "reconcile",
            interactive: isatty(STDIN_FILENO) != 0 && scheduler == nil
        )
        let started = Date()
        let session = try RunSession.open(configuration, command: command, newState: newState, logger: logger)
        var run = ReconcileRun(runID: session.id, ending: ApplyRun.Ending(.failed))
        await run.reconcile(
            configuration: configuration,
            session: session,
            targets: targets,
            overrides: overrides,
            attribution: reason.attribution(overrides: overrides, scheduler: scheduler),
            stops: stops,
            logger: logger
        )
        run.keep(configuration: configuration, started: started)
        return run
    }

    /// Plans, keeps the plan and applies unless blocked.
    ///
    /// Never throws: every outcome ends the run's records.
    private mutating func reconcile(
        configuration: Configuration,
        session: RunSession,
        targets: [String],
        overrides: Set<String>,
        attribution: RunAttribution,
        stops: StopRequests,
        logger: Logger
    ) async {
        let keeper = RunKeeper(
            folder: configuration.state.runsFolder,
            run: session.id,
            keep: configuration.state.keepRuns
        )
        var begun = false
        do {
            let state = session.state
            // SIGINT/SIGTERM while planning: the run ends as interrupted, nothing kept or applied.
            let planning = try await ListingInterruption.run("reconcile", stops: stops, logger: logger) {
                try await PlanningRun.run(
                    configuration: configuration,
                    names: targets,
                    state: state,
                    keepingInputs: false,
                    logger: logger
                )
            }
            plan = planning.plan
            // Signed like `plan --out`: a kept plan that is applied later must verify against signing.trusted_keys.
            planFile = try keeper.keep(plan: try PlanSigning.signed(planning.plan, configuration: configuration))
            var made = attribution
            made.planMaker = planning.plan.madeBy
            try session.begin(
                toolVersion: ToolVersion.current,
                configDigest: planning.plan.configDigest,
                planDigest: planning.plan.digest,
                attribution: made
            )
            begun = true
            trippedGates = Set(planning.plan.targets.flatMap { $0.gates.map(\.name) })
            standingGates = trippedGates.subtracting(overrides)
            if !standingGates.isEmpty {
                try await session.finish(result: .blocked, counts: [:], message: ApplyRun.blockedNote(standingGates))
                ending = ApplyRun.Ending(.blocked, runID: session.id)
                return
            }
            if configuration.signing.requiredApprovals > 0, planning.plan.hasChanges {
                // Four-eyes review cannot happen inside one unattended run: its changes go through plan, approve, apply.
                try await session.finish(result: .failed, counts: [:])
                ending = ApplyRun.Ending(.failed, status: .planRefused, runID: session.id)
                failure = ApplyError(
                    .notApproved,
                    "apply.require_approvals is set: reconcile changes nothing; use plan --out, approve, apply"
                )
                return
            }
            var options = ApplyOptions(
                configDigest: planning.plan.configDigest,
                maxPlanAge: configuration.state.maxPlanAge,
                overriddenGates: trippedGates,
                concurrency: configuration.state.concurrency
            )
            // This process read the directory itself: its counts are observed, not taken from a file.
            options.observedInScopeCounts = Dictionary(
                planning.plan.targets.map { ($0.target, $0.inScopeCount) },
                uniquingKeysWith: { first, _ in first }
            )
            ending = try await ApplyRun.apply(
                planning.plan,
                configuration: configuration,
                session: session,
                options: options,
                stops: stops,
                logger: logger
            )
        } catch {
            let interrupted = (error as? RunError)?.code == .interrupted
            // A run that failed before applying is still recorded, so the run history shows it.
            if !begun {
                try? session.begin(
                    toolVersion: ToolVersion.current,
                    configDigest: plan?.configDigest ?? "",
                    planDigest: plan?.digest,
                    attribution: attribution
                )
                try? await session.finish(result: interrupted ? .interrupted : .failed, counts: [:])
            }
            let status = ExitReason(for: error)
            let outcome: RunOutcome = interrupted ? .interrupted : status == .blocked ? .blocked : .failed
            ending = ApplyRun.Ending(outcome, status: status, runID: session.id)
            failure = error
        }
    }

    /// Writes the JSON summary beside the kept plan and, when configured, the metrics; prunes old runs.
    private mutating func keep(configuration: Configuration, started: Date) {
        let keeper = RunKeeper(folder: configuration.state.runsFolder, run: runID, keep: configuration.state.keepRuns)
        let summary = RunSummary(
            run: runID,
            ending: ending.outcome,
            status: ending.status,
            started: started,
            plan: plan,
            planFile: planFile,
            report: ending.report,
            error: failureText
        )
        self.summary = summary
        do {
            try keeper.keep(summary: summary)
            if let metricsFile = configuration.state.metricsFile {
                let metrics = RunMetrics(
                    plan: plan,
                    report: ending.report,
                    result: ending.outcome,
                    finishedAt: started.timeIntervalSince1970 + summary.durationSeconds,
                    duration: summary.durationSeconds
                )
                try RunKeeper.writeAtomically(Data(metrics.render().utf8), to: metricsFile, permissions: 0o644)
            }
            keeper.prune()
        } catch {
            keepingFailure = error
            if ending.status == .success { ending.status = .failure }
        }
    }

    /// Why the run stopped, as the summary records it: the gates that stood, or the error's description
    /// (descriptions hold no personal data).
    public var failureText: String? {
        if let failure { return String(describing: failure) }
        if !standingGates.isEmpty {
            return ApplyRun.blockedNote(standingGates)
        }
        return nil
    }
}
