import Foundation
public import Logging
public import OrganizerSyncCore
public import SyncApply
public import SyncConfiguration
public import SyncPlanning

/// What `apply` and `reconcile` share: the checks, the run session, the apply itself and its summary.
public enum ApplyRun {
    /// How a run ended, with its exit status.
    public struct Ending: Sendable {
        /// How the run ended.
        public var outcome: RunOutcome
        /// The status the process ends with.
        public var status: ExitReason
        /// What apply did; `nil` when it did not get that far.
        public var report: ApplyReport?
        /// The run's id (as in the audit log); `nil` when no run was recorded.
        public var runID: String?

        /// An ending; the status follows from the outcome unless given.
        public init(_ outcome: RunOutcome, status: ExitReason? = nil, report: ApplyReport? = nil, runID: String? = nil)
        {
            self.outcome = outcome
            self.status = status ?? ExitReason(outcome)
            self.report = report
            self.runID = runID
        }
    }

    /// `apply PLAN`: reads the plan file, checks it against the configuration (seal, configuration digest, age,
    /// gates and overrides), takes the lock, records the run's start and applies the plan.
    /// - Parameters:
    ///   - planFile: the plan file written by `plan --out`.
    ///   - overrides: the gates the operator overrides by name.
    ///   - configuration: the loaded configuration.
    ///   - command: the command line, recorded in the lock file and the run history.
    ///   - newState: `--new-state`: go on although the state store is missing, empty, older or foreign.
    ///   - reason: `--reason` and `--ticket` (else the plan's); a reason is required when `apply.require_reason`
    ///     is set.
    ///   - stops: what asks the apply to stop between changes: the process's SIGINT and SIGTERM unless told.
    ///   - logger: logs go to standard error.
    /// - Returns: the ending, with the apply report.
    /// - Throws: ``SyncApply/ApplyError`` when the plan is refused (nothing was changed); `StateLockError` when
    ///   another run holds the lock; state store, audit log and provider errors.
    public static func run(
        planFile: String,
        overrides: Set<String>,
        configuration: Configuration,
        command: String,
        newState: Bool = false,
        reason: RunReason = RunReason(),
        stops: StopRequests = .signals,
        logger: Logger
    ) async throws -> (plan: Plan, ending: Ending) {
        // `apply` is how a person carries out a reviewed plan: always interactive (schedulers run reconcile). The
        // person applying says why, even when the plan carries its maker's reason.
        try reason.require(configuration, command: "apply", interactive: true)
        let plan = try readPlan(planFile)
        let reason = try reason.orElse(plan)
        let targets = try targets(of: plan, in: configuration)
        var options = ApplyOptions(
            configDigest: try PlanningRun.configDigest(configuration, targets: targets),
            maxPlanAge: configuration.state.maxPlanAge,
            overriddenGates: overrides,
            concurrency: configuration.state.concurrency
        )
        options.trust = try PlanSigning.trust(configuration)
        PlanSigning.warnIfChecksumOnly(configuration, logger: logger)
        let attribution = reason.attribution(
            overrides: overrides,
            planMaker: plan.madeBy,
            scheduler: RunScheduler.current()
        )
        var vouchers: [String] = []
        var refusal: ApplyError?
        do {
            vouchers = try PlanAcceptance.check(plan, options: options, targets: Set(configuration.targets.map(\.name)))
        } catch {
            refusal = error
        }
        if let refusal {
            if refusal.code == .blocked {
                try await recordBlocked(
                    plan,
                    gates: Set(plan.targets.flatMap { $0.gates.map(\.name) }).subtracting(overrides),
                    vouchers: (try? options.trust.check(plan)) ?? [],
                    attribution: attribution,
                    configuration: configuration,
                    command: command,
                    newState: newState,
                    logger: logger
                )
            }
            throw refusal
        }
        let session = try RunSession.open(configuration, command: command, newState: newState, logger: logger)
        try begin(session, plan, vouchers: vouchers, attribution: attribution)
        let ending = try await apply(
            plan,
            configuration: configuration,
            session: session,
            options: options,
            stops: stops,
            logger: logger
        )
        return (plan, ending)
    }

    /// Writes the run-start of `plan` (who, why, its vouchers); a session whose start cannot be written is
    /// abandoned (its lock released) before the error is thrown.
    private static func begin(
        _ session: RunSession,
        _ plan: Plan,
        vouchers: [String],
        attribution: RunAttribution
    ) throws {
        do {
            try session.begin(
                toolVersion: ToolVersion.current,
                configDigest: plan.configDigest,
                planDigest: plan.digest,
                approvals: vouchers,
                attribution: attribution
            )
        } catch {
            session.abandon()
            throw error
        }
    }

    /// Records a run of a plan that a gate blocks: its run-start (who, why, the plan, its vouchers) and a run-end
    /// `blocked` naming the gates that stood, so that every blocked run is in the audit log, as reconcile's are.
    ///
    /// Nothing is applied. When the lock is held or the state store refuses, the run is not recorded (warned) and
    /// the caller reports the block as before.
    private static func recordBlocked(
        _ plan: Plan,
        gates: Set<String>,
        vouchers: [String],
        attribution: RunAttribution,
        configuration: Configuration,
        command: String,
        newState: Bool,
        logger: Logger
    ) async throws {
        let session: RunSession
        do {
            session = try RunSession.open(configuration, command: command, newState: newState, logger: logger)
        } catch {
            logger.warning("the blocked run is not recorded in the audit log: \(error)")
            return
        }
        try begin(session, plan, vouchers: vouchers, attribution: attribution)
        try await session.finish(result: .blocked, counts: [:], message: blockedNote(gates))
    }

    /// What a blocked run's run-end record and summary say: the gates that stood.
    public static func blockedNote(_ gates: Set<String>) -> String {
        "blocked by \(gates.sorted().joined(separator: ", ")); nothing was changed"
    }

    /// Reads and decodes a plan file; the seal is checked by ``SyncApply/PlanAcceptance``.
    public static func readPlan(_ file: String) throws -> Plan {
        let data: Data
        do {
            // Not through a link, this user's, not writable by others (see OwnedFile).
            let handle = FileHandle(fileDescriptor: try OwnedFile.open(file, flags: O_RDONLY), closeOnDealloc: true)
            data = try handle.readToEnd() ?? Data()
        } catch let refusal as OwnedFile.Refusal {
            throw ApplyError(.planTampered, "the plan file is refused: \(refusal)")
        } catch let failure as OwnedFile.OpenFailure where failure.code == ENOENT {
            // Not a tampered plan: there is none. Exit 1, with the command that makes one.
            throw RunError(.noPlanFile, "no plan file at \(file); write one with: organizer-sync plan --out \(file)")
        } catch let failure as OwnedFile.OpenFailure {
            throw RunError(
                .unreadablePlanFile,
                "cannot open the plan file \(failure); it must be a regular file this user can read"
            )
        } catch {
            throw RunError(.unreadablePlanFile, "cannot read the plan file \(file): \(error)")
        }
        do {
            return try Plan.decode(from: data)
        } catch {
            throw ApplyError(
                .planTampered,
                "\(file) is not a plan file: \(error); name a file written by organizer-sync plan --out"
            )
        }
    }

    /// The configuration's targets a plan names, in plan order.
    public static func targets(of plan: Plan, in configuration: Configuration) throws -> [TargetConfiguration] {
        try plan.targets.map { targetPlan in
            guard let target = configuration.targets.first(where: { $0.name == targetPlan.target }) else {
                throw ApplyError(
                    .unknownTarget,
                    "the plan's target '\(targetPlan.target)' is not in \(configuration.file)"
                )
            }
            return target
        }
    }

    /// Applies an accepted plan inside `session`, records the run's end and returns the ending.
    ///
    /// Errors after the session started are recorded as the run's end before they are rethrown. A stop request
    /// (`stops`: SIGINT and SIGTERM unless told) lets the changes in flight finish and starts no new one.
    public static func apply(
        _ plan: Plan,
        configuration: Configuration,
        session: RunSession,
        options: ApplyOptions,
        stops: StopRequests = .signals,
        logger: Logger
    ) async throws -> Ending {
        let interruption = ApplyInterruption()
        let signals = await SignalStop.start(interruption: interruption, stops: stops, logger: logger)
        defer { signals.cancel() }
        let report: ApplyReport
        do {
            var named = try targets(of: plan, in: configuration)
            // Targets that intents left by a crash name are listed too, to resolve them.
            named += configuration.targets.filter { target in
                session.leftovers.targets.contains(target.name) && !named.contains { $0.name == target.name }
            }
            let directory = try MappedDirectoryRecheck.make(configuration, targets: named, logger: logger)
            report = try await TargetProviders.withApplyTargets(
                named,
                interruption: interruption,
                directory: directory,
                logger: logger
            ) {
                try await session.leftovers.resolve(
                    targets: $0,
                    trail: AuditTrail(writer: session.audit),
                    logger: logger
                )
                return try await Applier(
                    plan: plan,
                    targets: $0,
                    state: session.state,
                    audit: session.audit,
                    options: options,
                    interruption: interruption,
                    logger: logger
                ).apply()
            }
        } catch let error as ApplyError where error.code == .thresholdTripped {
            try await session.finish(result: .blocked, counts: [:])
            throw error
        } catch {
            try? await session.finish(result: .failed, counts: [:])
            throw error
        }
        try await session.finish(result: report.result, counts: report.counts)
        return Ending(report.result, report: report, runID: session.id)
    }

    /// The readable summary: per target the counts, then every failure and skip and the first successes.
    public static func summary(of report: ApplyReport, plan: Plan, runID: String, auditLog: String) -> String {
        var lines = ["Applied plan \(plan.digest ?? "") (made \(plan.createdAt)) as run \(runID):"]
        let shownSuccesses = 100
        for target in report.targets {
            let counts = Dictionary(grouping: target.results, by: \.status).mapValues(\.count)
            let provider = plan.targets.first { $0.target == target.name }?.provider.rawValue ?? "?"
            lines.append(
                "Target \(target.name) (\(provider)): \(counts[.succeeded] ?? 0) succeeded, \(counts[.failed] ?? 0) "
                    + "failed, \(counts[.skipped] ?? 0) skipped"
                    + (counts[.alreadyApplied].map { ", \($0) already applied" } ?? "")
                    + "; \(target.linksRecorded) match(es) recorded"
            )
            var shown = 0
            for result in target.results {
                switch result.status {
                case .succeeded:
                    shown += 1
                    if shown <= shownSuccesses { lines.append("  ok    \(result.kind) \(result.email)") }
                case .failed:
                    lines.append("  FAIL  \(result.kind) \(result.email): \(result.reason ?? "")")
                case .skipped:
                    lines.append("  skip  \(result.kind) \(result.email): \(result.reason ?? "")")
                case .alreadyApplied:
                    lines.append("  done  \(result.kind) \(result.email): \(result.reason ?? "")")
                }
            }
            if shown > shownSuccesses {
                lines.append(
                    "  … and \(shown - shownSuccesses) more succeeded (organizer-sync audit show --run \(runID))"
                )
            }
        }
        if report.wasInterrupted { lines.append("Interrupted: changes not started were skipped; run plan again.") }
        lines.append("Result: \(report.result). Audit log: \(auditLog) (run \(runID)).")
        return lines.joined(separator: "\n")
    }
}
