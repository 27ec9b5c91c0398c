import Dispatch
import Foundation
import Logging
import OrganizerSyncCore
import SyncApply
import SyncConfiguration
import SyncPlanning

/// What `apply` and `reconcile` share: the checks, the run session, the apply itself and its summary.
enum ApplyRun {
    /// How a run ended, with its exit code.
    struct Ending {
        var result: String
        var code: Int32
        var report: ApplyReport?
    }

    /// The configuration's targets a plan names, in plan order.
    static func targets(of plan: Plan, in configuration: Configuration) throws -> [TargetConfiguration] {
        try plan.targets.map { targetPlan in
            guard let target = configuration.targets.first(where: { $0.name == targetPlan.target }) else {
                throw ApplyError(.unknownTarget, "the plan's target '\(targetPlan.target)' is not in \(configuration.file)")
            }
            return target
        }
    }

    /// Applies an accepted plan inside `session`, records the run's end, prints the summary and returns the
    /// ending. Errors after the session started are recorded as the run's end before they are rethrown.
    static func apply(
        _ plan: Plan,
        configuration: Configuration,
        session: RunSession,
        options: ApplyOptions,
        logger: Logger
    ) async throws -> Ending {
        let interruption = ApplyInterruption()
        let signals = SignalStop(interruption: interruption, logger: logger)
        defer { signals.cancel() }
        let report: ApplyReport
        do {
            let named = try targets(of: plan, in: configuration)
            let directory = try MappedDirectoryRecheck.make(configuration, targets: named, logger: logger)
            report = try await TargetProviders.withApplyTargets(named, directory: directory, logger: logger) {
                try await Applier(
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
            try session.finish(result: "blocked", counts: [:])
            throw error
        } catch {
            try? session.finish(result: "failed", counts: [:])
            throw error
        }
        try session.finish(result: report.result, counts: report.counts)
        print(summary(of: report, plan: plan, runID: session.id, auditLog: configuration.state.auditLog))
        let code = report.result == "succeeded" ? ExitCodes.success : ExitCodes.partial
        return Ending(result: report.result, code: code, report: report)
    }

    /// The readable summary: per target the counts, then every failure and skip and the first successes.
    static func summary(of report: ApplyReport, plan: Plan, runID: String, auditLog: String) -> String {
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
                lines.append("  … and \(shown - shownSuccesses) more succeeded (organizer-sync audit show --run \(runID))")
            }
        }
        if report.wasInterrupted { lines.append("Interrupted: changes not started were skipped; run plan again.") }
        lines.append("Result: \(report.result). Audit log: \(auditLog) (run \(runID)).")
        return lines.joined(separator: "\n")
    }
}

/// SIGINT and SIGTERM (Ctrl-C, `systemctl stop`) stop an apply between changes rather than in the middle of one.
final class SignalStop {
    private let sources: [any DispatchSourceSignal]

    init(interruption: ApplyInterruption, logger: Logger) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                logger.warning("signal received: finishing the changes in flight, starting no new one")
                interruption.interrupt()
            }
            source.resume()
            return source
        }
    }

    /// Stops listening and gives the signals their default action back.
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
