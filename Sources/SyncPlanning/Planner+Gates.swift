import OrganizerSyncCore

extension Planner {
    /// The thresholds and guards `actions` trip.
    /// - Parameters:
    ///   - actions: the planned actions.
    ///   - inScopeCount: the directory users in scope now.
    ///   - accountCount: the provider's current accounts (the base of the share thresholds).
    ///   - lastInScopeCount: the users in scope at the last successful run, if known.
    /// - Returns: the gates tripped, in a fixed order.
    public func gates(
        for actions: [PlannedAction],
        inScopeCount: Int,
        accountCount: Int,
        lastInScopeCount: Int?
    ) -> [BlockedGate] {
        var gates: [BlockedGate] = []
        let thresholds: [(ActionKind, String, PlanningPolicy.Threshold)] = [
            (.create, "creates", policy.createThreshold),
            (.suspend, "suspends", policy.suspendThreshold),
            (.delete, "deletes", policy.deleteThreshold),
        ]
        for (kind, name, threshold) in thresholds {
            // A withdrawn invitation removes an account at the provider: it counts with the deletes.
            let kinds: [ActionKind] = kind == .delete ? [.delete, .withdrawInvitation] : [kind]
            let count = actions.count { kinds.contains($0.kind) }
            if let maxCount = threshold.maxCount, count > maxCount {
                gates.append(
                    BlockedGate(
                        name: "threshold.\(name).count",
                        observed: count,
                        limit: Double(maxCount),
                        blocks: kinds
                    )
                )
            }
            if let maxShare = threshold.maxShare, count > 0,
                Double(count) > maxShare * Double(accountCount)
            {
                gates.append(
                    BlockedGate(
                        name: "threshold.\(name).share",
                        observed: count,
                        limit: maxShare,
                        base: accountCount,
                        blocks: kinds
                    )
                )
            }
        }
        let destructive = actions.contains { [.suspend, .delete, .withdrawInvitation].contains($0.kind) }
        guard destructive else { return gates }
        if policy.guards.blocksEmptyDirectory, inScopeCount == 0 {
            gates.append(
                BlockedGate(
                    name: "guard.emptyDirectory",
                    observed: 0,
                    limit: 1,
                    blocks: [.suspend, .delete, .withdrawInvitation]
                )
            )
        }
        if let share = policy.guards.minimumInScopeShare, let last = lastInScopeCount, last > 0,
            Double(inScopeCount) < share * Double(last)
        {
            gates.append(
                BlockedGate(
                    name: "guard.shrunkDirectory",
                    observed: inScopeCount,
                    limit: share,
                    base: last,
                    blocks: [.suspend, .delete, .withdrawInvitation]
                )
            )
        }
        return gates
    }
}
