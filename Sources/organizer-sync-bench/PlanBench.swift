import AccountMapping
import ArgumentParser
import Foundation
import MappingFiles
import OrganizerSyncCore
import SyncPlanning

/// (c) Planning in process: map a synthetic directory with a provider preset, plan against synthetic accounts,
/// seal the plan, encode the plan file and render the summary, each phase timed separately.
///
/// The inputs are built once per provider (``PlanBenchInputs``); each round then runs every phase from its
/// start, and each phase reports its wall time and the process CPU time it used. `--phases` times only some
/// phases and stops after the last one named (the earlier ones still run, untimed, to feed it).
struct PlanBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Map, plan, seal, encode and render N synthetic users against N accounts, in process."
    )

    /// The measured phases, in pipeline order.
    enum Phase: String, ExpressibleByArgument, CaseIterable {
        case map, plan, seal, encode, render, none
    }

    @Option(help: "Directory users (and provider accounts).")
    var users = 100_000

    @Option(parsing: .upToNextOption, help: "Providers to plan for.")
    var providers: [BenchProvider] = BenchProvider.allCases

    @Option(help: "Rounds per provider; the medians are reported.")
    var rounds = 5

    @Option(parsing: .upToNextOption, help: "Phases to time (none: build the inputs only).")
    var phases: [Phase] = [.map, .plan, .seal, .encode, .render]

    @Option(help: "The Mappings/ folder holding providers/<name>.yaml.")
    var mappings = "Mappings"

    @Flag(help: "Make every matching account differ (a plan of about 90% updates) instead of the usual mix.")
    var allUpdates = false

    func run() async throws {
        for provider in providers {
            let mapping = try MappingLoader(mappingsFolders: [mappings]).loadPreset(provider.rawValue)
            let mapper = AccountMapper(mapping: mapping)
            let inputs = PlanBenchInputs(users: users, provider: provider.kind, allUpdates: allUpdates)
            guard phases != [.none] else {
                try emit(["bench": "plan", "provider": provider.rawValue, "phases": "none"])
                continue
            }
            var timings: [Phase: [Double]] = [:]
            var cpuTimings: [Phase: [Double]] = [:]
            var figures: [String: Any] = [:]
            for _ in 0..<max(1, rounds) {
                let round = try runRound(provider: provider, mapper: mapper, inputs: inputs, figures: &figures)
                for (phase, time) in round {
                    timings[phase, default: []].append(time.wall)
                    cpuTimings[phase, default: []].append(time.cpu)
                }
            }
            var object: [String: Any] = [
                "bench": "plan", "provider": provider.rawValue, "users": users, "accounts": inputs.accounts.count,
                "rounds": max(1, rounds), "peakRSSKiB": PeakMemory.peakResidentKiB() ?? 0,
            ]
            object.merge(figures) { _, new in new }
            for (phase, times) in timings {
                object["\(phase.rawValue)Seconds"] = median(times)
                object["\(phase.rawValue)SecondsAll"] = times
                object["\(phase.rawValue)CPUSeconds"] = median(cpuTimings[phase] ?? [])
            }
            try emit(object)
        }
    }

    /// One round: each phase in order, timed when selected.
    private func runRound(
        provider: BenchProvider,
        mapper: AccountMapper,
        inputs: PlanBenchInputs,
        figures: inout [String: Any]
    ) throws -> [Phase: (wall: Double, cpu: Double)] {
        let clock = ContinuousClock()
        var times: [Phase: (wall: Double, cpu: Double)] = [:]
        func timed<T>(_ phase: Phase, _ body: () throws -> T) rethrows -> T {
            let started = clock.now
            let startedCPU = PlanBench.processCPUSeconds()
            let result = try body()
            if phases.contains(phase) {
                times[phase] = (seconds(clock.now - started), PlanBench.processCPUSeconds() - startedCPU)
            }
            return result
        }
        let last = phases.compactMap { Phase.allCases.firstIndex(of: $0) }.max() ?? 0
        let mapped = timed(.map) { mapper.map(inputs.snapshot) }
        guard last >= 1 else { return times }
        // organizer-sync builds this once per run, before planning any target.
        let anchors = Set(inputs.snapshot.users.map(\.anchor))
        let target = timed(.plan) {
            Planner(policy: PlanBench.policy).plan(
                target: provider.rawValue,
                provider: provider.kind,
                desired: mapped.accounts,
                accounts: inputs.accounts,
                state: SyncState(),
                now: Date(timeIntervalSince1970: 1_800_000_000),
                directoryAnchors: anchors
            )
        }
        guard last >= 2 else { return times }
        let plan = try timed(.seal) {
            try Plan(
                toolVersion: "bench",
                createdAt: "2027-01-15T08:00:00Z",
                configDigest: String(repeating: "0", count: 64),
                targets: [target]
            ).sealed()
        }
        guard last >= 3 else { return times }
        let data = try timed(.encode) { try plan.encoded() }
        guard last >= 4 else { return times }
        let text = timed(.render) { PlanRenderer().render(plan) }
        figures["desired"] = mapped.accounts.count
        figures["actions"] = target.actions.count
        figures["summary"] = [
            "create": target.summary.create, "update": target.summary.update,
            "reactivate": target.summary.reactivate, "suspend": target.summary.suspend,
            "delete": target.summary.delete, "unmanaged": target.summary.unmanaged,
            "protected": target.summary.protected, "conflicts": target.summary.conflicts,
        ]
        figures["planBytes"] = data.count
        figures["summaryBytes"] = text.utf8.count
        return times
    }

    /// No thresholds or guards: the benchmark measures planning, not a blocked plan.
    static let policy = PlanningPolicy(
        suspendThreshold: .unlimited,
        deleteThreshold: .unlimited,
        guards: PlanningPolicy.Guards(blocksEmptyDirectory: false, minimumInScopeShare: nil)
    )

    /// CPU time of the process (every thread: the planner digests the snapshots on a second one).
    ///
    /// Unlike wall
    /// time, it does not grow while other processes hold the CPU; nothing else runs during a phase.
    static func processCPUSeconds() -> Double {
        // clock(3): the process's CPU time (CLOCK_PROCESS_CPUTIME_ID in glibc) in microseconds, CLOCKS_PER_SEC
        // being 1,000,000 by POSIX; `timespec` is not used because a release build finds its members only in
        // Dispatch's C module (MemberImportVisibility).
        Double(clock()) / 1_000_000
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
