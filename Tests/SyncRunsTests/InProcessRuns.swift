import Foundation
import Logging
import OrganizerSyncTestSupport
import SyncConfiguration
import SyncPlanning
import SyncRuns

/// What the run library's tests do in an ``ApplyFixture``: the commands' steps, called in process (no
/// `organizer-sync` is spawned), with a ``StopTrigger`` in place of the process's signals.
extension ApplyFixture {
    /// The world's configuration, loaded as the commands load it.
    func configuration() throws -> Configuration { try ConfigurationLoader().load(file: config) }

    /// Plans every target and keeps the plan in `name` of the world's folder, as `plan --out` does.
    func keptPlan(_ name: String = "plan.json") async throws -> (run: PlanningRun, file: String) {
        let configuration = try configuration()
        var run = try await PlanningRun.run(configuration: configuration, names: [], logger: .quiet)
        let file = folder.appendingPathComponent(name).path
        _ = try run.keep(at: file, configuration: configuration, logger: .quiet)
        return (run, file)
    }

    /// `apply FILE` in process.
    func apply(
        _ file: String,
        overrides: Set<String> = [],
        stops: StopTrigger = StopTrigger()
    ) async throws -> (plan: Plan, ending: ApplyRun.Ending) {
        try await ApplyRun.run(
            planFile: file,
            overrides: overrides,
            configuration: try configuration(),
            command: "SyncRunsTests apply",
            stops: stops.requests,
            logger: .quiet
        )
    }

    /// `reconcile` in process.
    func reconcile(overrides: Set<String> = [], stops: StopTrigger = StopTrigger()) async throws -> ReconcileRun {
        try await ReconcileRun.run(
            configuration: try configuration(),
            targets: [],
            overrides: overrides,
            command: "SyncRunsTests reconcile",
            stops: stops.requests,
            logger: .quiet
        )
    }

    /// Whether anything exists in the state folder (database, lock, audit log, runs, metrics).
    var stateWasWritten: Bool { FileManager.default.fileExists(atPath: stateFolder.path) }

    /// The audit log's record types in order (`run-start`, `intent`, `outcome`, `run-end`…); empty without a log.
    func auditTypes() throws -> [String] {
        guard FileManager.default.fileExists(atPath: auditLog) else { return [] }
        return try auditRecords().compactMap { $0["type"] as? String }
    }
}

extension Logger {
    /// Logs nowhere: the tests check values, not log lines.
    static let quiet = Logger(label: "SyncRunsTests") { _ in SwiftLogNoOpLogHandler() }
}

/// The error `body` throws, or `nil` when it returns.
func thrown<T>(_ body: () async throws -> T) async -> (any Error)? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

/// The actions of a plan as `kind email`, sorted.
func actions(_ plan: Plan) -> [String] {
    plan.targets.flatMap { $0.actions.map { "\($0.kind) \($0.email)" } }.sorted()
}
