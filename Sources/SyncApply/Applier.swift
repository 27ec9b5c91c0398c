public import AuditLog
import Foundation
public import Logging
import OrganizerSyncCore
public import StateStore
public import SyncPlanning

/// Carries out a sealed, accepted plan (see ``PlanAcceptance``), and nothing that is not in it.
///
/// Before the first change it lists every target's accounts again and checks the thresholds against them; a
/// target whose thresholds now trip refuses the whole apply. Then, per target, the actions run concurrently
/// (``ApplyOptions/concurrency`` accounts in flight; the provider client keeps its rate limit), each one:
/// precondition checked against the fresh listing (an account changed since the plan is skipped, never
/// overwritten), an `intent` audit record written and flushed, the provider called, an `outcome` record
/// written and flushed, the state store updated and the action marked applied. A failure is recorded and the
/// run goes on.
///
/// Crash safety: a change is marked applied in the state store only after it succeeded; the same plan applied
/// again skips marked actions, and an action whose change was made but not marked finds its account changed
/// (its precondition fails) and is skipped; a create finds the account it made. No change is done twice.
public struct Applier: Sendable {
    let plan: Plan
    let targets: [String: ApplyTarget]
    let state: StateDatabase
    let trail: AuditTrail
    let options: ApplyOptions
    let interruption: ApplyInterruption
    let logger: Logger

    /// Creates an applier.
    /// - Parameters:
    ///   - plan: the accepted plan.
    ///   - targets: the configuration's targets (every target of the plan must be there).
    ///   - state: the state store (the caller holds its lock).
    ///   - audit: the audit log writer.
    ///   - options: concurrency, overrides and time.
    ///   - interruption: set by a signal handler to stop between changes.
    ///   - logger: progress at `info`, each failure at `warning`.
    public init(
        plan: Plan,
        targets: [ApplyTarget],
        state: StateDatabase,
        audit: AuditLogWriter,
        options: ApplyOptions,
        interruption: ApplyInterruption = ApplyInterruption(),
        logger: Logger
    ) {
        self.plan = plan
        self.targets = Dictionary(targets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.state = state
        self.trail = AuditTrail(writer: audit)
        self.options = options
        self.interruption = interruption
        self.logger = logger
    }

    /// Applies the plan.
    /// - Returns: every action's result.
    /// - Throws: ``ApplyError`` when a threshold trips against the accounts now (nothing was changed);
    ///   provider errors from the fresh listing (nothing was changed); audit log and state store errors, which
    ///   stop the run at once (a change must not go unrecorded).
    public func apply() async throws -> ApplyReport {
        var prepared: [PreparedTarget] = []
        for targetPlan in plan.targets where targetPlan.hasChanges || !targetPlan.links.isEmpty {
            do {
                prepared.append(try await prepare(targetPlan))
            } catch  where interruption.isInterrupted {
                // SIGINT/SIGTERM stopped the fresh listing: no change was started, so the run ends as
                // interrupted (not failed), with every action left for the next run.
                logger.warning(
                    "signal received while listing: no change was made",
                    metadata: ["target": "\(targetPlan.target)", "error": "\(error)"]
                )
                let untouched = plan.targets.map { ApplyReport.Target(name: $0.target, results: [], linksRecorded: 0) }
                return ApplyReport(targets: untouched, wasInterrupted: true)
            }
        }
        var reports: [ApplyReport.Target] = []
        for targetPlan in plan.targets {
            if let target = prepared.first(where: { $0.plan.target == targetPlan.target }) {
                reports.append(try await run(target))
            } else {
                reports.append(.init(name: targetPlan.target, results: [], linksRecorded: 0))
            }
        }
        for targetPlan in plan.targets {
            // The shrink guard's next baseline: what this process observed, never the plan file's own count.
            let observed =
                try options.observedInScopeCounts[targetPlan.target]
                ?? state.state(target: targetPlan.target).accounts.count
            try state.setLastInScopeCount(observed, target: targetPlan.target)
        }
        // Marks of plans too old to be applied again are of no more use; a day's margin covers clock changes.
        try state.pruneAppliedActions(before: options.now.addingTimeInterval(-options.maxPlanAge - 86_400))
        return ApplyReport(targets: reports, wasInterrupted: interruption.isInterrupted)
    }

    /// Lists the target's accounts again, reads its state and checks its thresholds against the listing.
    private func prepare(_ targetPlan: TargetPlan) async throws -> PreparedTarget {
        guard let target = targets[targetPlan.target] else {
            throw ApplyError(.unknownTarget, "the plan's target '\(targetPlan.target)' is not in the configuration")
        }
        let accounts = try await target.provider.listAccounts()
        let current = try state.state(target: target.name)
        let tripped = Planner(policy: target.policy).gates(
            for: targetPlan.actions,
            inScopeCount: targetPlan.inScopeCount,
            accountCount: accounts.count,
            lastInScopeCount: current.lastInScopeCount
        )
        let standing = tripped.filter { !options.overriddenGates.contains($0.name) }
        guard standing.isEmpty else {
            throw ApplyError(
                .thresholdTripped,
                "target \(target.name): against the \(accounts.count) accounts listed now, the plan trips "
                    + standing.map(\.name).joined(separator: ", ")
            )
        }
        var byID: [String: ProviderAccount] = [:]
        var byEmail: [String: ProviderAccount] = [:]
        for account in accounts {
            if let id = account.id { byID[id] = account }
            byEmail[EmailPattern.normalize(account.email)] = account
        }
        var directory: [String: DirectoryStanding]?
        if let recheck = target.directory {
            // Creates and reactivates, and every user the state store does not manage yet (matched by email).
            let recorded = Set(current.accounts.map(\.anchor))
            let named =
                targetPlan.actions.filter {
                    $0.kind == .create || $0.kind == .reactivate || !recorded.contains($0.anchor ?? "")
                }.compactMap(\.anchor) + targetPlan.links.map(\.anchor)
            directory = named.isEmpty ? [:] : try await recheck.standing(of: Array(Set(named)).sorted())
        }
        let applied = try state.appliedActions(planDigest: plan.digest ?? "")
        let prefix = "\(target.name)#"
        return PreparedTarget(
            target: target,
            plan: targetPlan,
            accountsByID: byID,
            accountsByEmail: byEmail,
            accountCount: accounts.count,
            records: Dictionary(current.accounts.map { ($0.anchor, $0) }, uniquingKeysWith: { first, _ in first }),
            alreadyApplied: Set(applied.compactMap { $0.hasPrefix(prefix) ? Int($0.dropFirst(prefix.count)) : nil }),
            directory: directory
        )
    }

    /// Records the target's links, then runs its actions, ``ApplyOptions/concurrency`` accounts at a time.
    private func run(_ target: PreparedTarget) async throws -> ApplyReport.Target {
        var linked: [SyncState.ManagedAccount] = []
        for link in target.plan.links {
            let listed =
                link.providerID.flatMap { target.accountsByID[$0] }
                ?? target.accountsByEmail[EmailPattern.normalize(link.email)]
            guard let listed else { continue }
            guard
                ActionGuard.justifies(
                    link,
                    listed: listed,
                    record: target.records[link.anchor],
                    directory: target.directory
                )
            else {
                logger.warning(
                    "link not recorded: the directory read now does not give this user the account's email",
                    metadata: ["target.name": "\(target.target.name)"]
                )
                continue
            }
            var record =
                target.records[link.anchor]
                ?? SyncState.ManagedAccount(anchor: link.anchor, providerID: listed.id, email: listed.email)
            record.providerID = listed.id
            record.email = listed.email
            if link.recordsSuspension, listed.status == .suspended, record.suspendedAt == nil {
                record.suspendedAt = options.now.timeIntervalSince1970
            }
            linked.append(record)
        }
        // Each account newly adopted as managed is an audit record, written (one flush for all) before the links
        // are stored; then one transaction for every link: a first apply may adopt many thousands of accounts.
        try trail.adoptions(
            linked.filter { target.records[$0.anchor]?.providerID != $0.providerID },
            target: target.target.name,
            provider: target.target.provider.kind
        )
        try state.saveManaged(contentsOf: linked, target: target.target.name)
        var managed = target.records
        for record in linked { managed[record.anchor] = record }
        let worker = UnitRunner(
            target: target,
            actionGuard: ActionGuard(
                policy: target.target.policy,
                protection: AccountProtection(policy: target.target.policy),
                managed: managed,
                directory: target.directory
            ),
            planDigest: plan.digest ?? "",
            state: state,
            trail: trail,
            interruption: interruption,
            logger: logger
        )
        let units = AccountUnit.units(of: target.plan.actions)
        var results: [ActionResult] = []
        results.reserveCapacity(target.plan.actions.count)
        try await withThrowingTaskGroup(of: [ActionResult].self) { group in
            var pending = units.makeIterator()
            for _ in 0..<options.concurrency {
                guard let unit = pending.next() else { break }
                group.addTask { try await worker.run(unit) }
            }
            while let finished = try await group.next() {
                results.append(contentsOf: finished)
                if let unit = pending.next() { group.addTask { try await worker.run(unit) } }
            }
        }
        results.sort { $0.index < $1.index }
        return ApplyReport.Target(name: target.target.name, results: results, linksRecorded: linked.count)
    }
}
