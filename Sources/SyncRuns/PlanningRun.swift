public import AccountMapping
import AuditLog
import Foundation
import LDAPDirectory
public import Logging
public import OrganizerSyncCore
public import StateStore
import SyncApply
public import SyncConfiguration
public import SyncPlanning

/// The pipeline behind `plan` and `explain`: read the directory once, then for each target map the
/// snapshot, list the accounts and plan.
///
/// Each phase's wall time is logged at `info` (`--log-level info`): the directory read, then per target the
/// mapping, the account listing and the planning, then the sealing of the plan.
///
/// Each target is planned with what the state store remembers of it (anchors to accounts, suspension times,
/// the last in-scope count); before the first apply the store is empty and users are matched by email.
public struct PlanningRun: Sendable {
    /// One target's inputs and plan.
    public struct Target: Sendable {
        /// The target's configuration.
        public var configuration: TargetConfiguration
        /// The mapper built from the target's mapping.
        public var mapper: AccountMapper
        /// The mapped directory.
        public var mapping: MappingResult
        /// The accounts the provider listed.
        public var accounts: [ProviderAccount]
        /// The target's plan.
        public var plan: TargetPlan
    }

    /// The directory as read.
    public var snapshot: DirectorySnapshot
    /// The targets planned, in configuration order.
    public var targets: [Target]
    /// The sealed plan of every target planned.
    public var plan: Plan

    /// Runs the pipeline.
    /// - Parameters:
    ///   - configuration: the loaded configuration.
    ///   - names: the targets to plan; empty means every target.
    ///   - state: the state store; `nil` opens the configured one if it exists (plan does not create it).
    ///   - newState: `--new-state`: go on although the state store is missing, empty, older or foreign.
    ///   - reason: `plan --reason` and `--ticket`, sealed into the plan.
    ///   - keepingInputs: `false` when the caller needs only the plan (`plan`, `reconcile`): the snapshot is
    ///     released once the last target is mapped, each target's accounts and mapped users once it is
    ///     planned, and the result's `snapshot` holds only the warnings, each target's `accounts` and
    ///     `mapping.accounts` are empty. A million users' inputs are gigabytes; `explain` keeps them.
    ///   - logger: logs go to standard error.
    /// - Returns: the snapshot, each target's inputs and the sealed plan.
    /// - Throws: configuration, mapping, directory and provider errors; a name that is not a target.
    public static func run(
        configuration: Configuration,
        names: [String],
        state: StateDatabase? = nil,
        newState: Bool = false,
        reason: RunReason = RunReason(),
        keepingInputs: Bool = true,
        logger: Logger
    ) async throws -> PlanningRun {
        let store =
            try state
            ?? StateStoreGuard.check(
                database: configuration.state.database,
                auditLog: configuration.state.auditLog,
                runsFolder: configuration.state.runsFolder,
                allowNew: newState,
                create: false
            ).store
        let selected =
            try names.isEmpty
            ? configuration.targets
            : names.map {
                try TargetProviders.target(named: $0, in: configuration)
            }
        guard !selected.isEmpty else {
            throw RunError(.noTargets, "\(configuration.file) has no targets: section to plan")
        }
        // Mappings are loaded before anything is read, so that a bad mapping fails fast.
        let loader = try TargetMappings(configuration: configuration)
        var mappers: [AccountMapper] = []
        for target in selected { mappers.append(AccountMapper(mapping: try loader.mapping(for: target))) }

        let clock = ContinuousClock()
        var started = clock.now
        var snapshot = try await DirectoryReader(configuration: configuration.directory, logger: logger).read()
        let warnings = snapshot.warnings
        for warning in warnings { logger.warning("\(warning.text)") }
        logger.info(
            "directory read",
            metadata: [
                "phase.seconds": "\(seconds(clock.now - started))", "directory.users": "\(snapshot.users.count)",
            ]
        )
        let anchors = Set(snapshot.users.map(\.anchor))
        let directory = PlanUsers.Directory(snapshot)
        let now = Date()
        var targets: [Target] = []
        for (position, (target, mapper)) in zip(selected, mappers).enumerated() {
            // Mapped before the listing, so that the snapshot can go before the accounts come.
            started = clock.now
            var mapping: MappingResult
            if !keepingInputs && position == selected.count - 1 {
                // The last target: each user's attributes go once mapped, the rest of the snapshot after.
                mapping = mapper.mapReleasing(&snapshot)
                snapshot = DirectorySnapshot(users: [], groups: [], warnings: warnings)
            } else {
                mapping = mapper.map(snapshot)
            }
            for problem in mapping.problems {
                logger.warning("\(problem)", metadata: ["target.name": "\(target.name)"])
            }
            let mapped = clock.now
            // The desired snapshot's digest is computed while the accounts are listed (most of a listing is
            // waiting for the provider), not after. `desired` is consumed by the planner, so that emptying
            // `mapping.accounts` below still frees them.
            let desired = mapping.accounts
            async let directoryDigest = Planner.directoryDigest(of: desired)
            var accounts = try await TargetProviders.withAccountProvider(target, logger: logger) { provider in
                try await provider.listAccounts()
            }
            let listed = clock.now
            var plan = Planner(policy: PlanningPolicy(target.policy)).plan(
                target: target.name,
                provider: target.provider,
                desired: consume desired,
                accounts: accounts,
                state: try store?.state(target: target.name) ?? SyncState(),
                now: now,
                directoryAnchors: anchors,
                directoryDigest: await directoryDigest
            )
            PlanUsers.complete(&plan, problems: mapping.problems, directory: directory)
            if target.provider == .zoom {
                // The plan says how each Zoom user will be created (a pending invitation or an active user).
                let action = target.zoomCreateAction ?? .create
                for index in plan.actions.indices where plan.actions[index].kind == .create {
                    plan.actions[index].reasons.append("zoom create_action: \(action.rawValue)")
                }
            }
            logger.info(
                "target planned",
                metadata: [
                    "target.name": "\(target.name)", "provider.accounts": "\(accounts.count)",
                    "mapping.seconds": "\(seconds(mapped - started))",
                    "listing.seconds": "\(seconds(listed - mapped))",
                    "planning.seconds": "\(seconds(clock.now - listed))",
                ]
            )
            if !keepingInputs {
                mapping.accounts = []
                accounts = []
            }
            targets.append(
                Target(configuration: target, mapper: mapper, mapping: mapping, accounts: accounts, plan: plan)
            )
        }
        started = clock.now
        var unsealed = Plan(
            toolVersion: ToolVersion.current,
            date: now,
            configDigest: try configDigest(configuration, targets: selected),
            targets: targets.map(\.plan)
        )
        unsealed.directoryWarnings = warnings.isEmpty ? nil : warnings.map(\.text)
        unsealed.madeBy = "\(AuditEvent.RunStart.operatingSystemUser())@\(AuditEvent.RunStart.hostName())"
        unsealed.reason = reason.reason
        unsealed.ticket = reason.ticket
        let plan = try unsealed.sealed()
        logger.info("plan sealed", metadata: ["phase.seconds": "\(seconds(clock.now - started))"])
        return PlanningRun(snapshot: snapshot, targets: targets, plan: plan)
    }

    /// A duration in seconds, to the millisecond, for the phase timings logged at `info`.
    private static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        return String(format: "%.3f", Double(whole) + Double(fraction) / 1e18)
    }

    /// SHA-256 (hex) over the configuration file and, in target order, each mapping file the targets name.
    public static func configDigest(_ configuration: Configuration, targets: [TargetConfiguration]) throws -> String {
        var content = try Data(contentsOf: URL(fileURLWithPath: configuration.file))
        for target in targets {
            content.append(Data("\u{0}\(target.name)\u{0}".utf8))
            switch target.mapping {
            case .file(let file): content.append(try Data(contentsOf: URL(fileURLWithPath: file)))
            case .preset(let name): content.append(Data("preset:\(name)".utf8))
            }
        }
        return CanonicalJSON.sha256Hex(content)
    }
}
