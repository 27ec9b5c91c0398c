import OrganizerSyncCore

extension Planner {
    /// The order actions are listed in.
    private static let kindOrder: [ActionKind: Int] = [.create: 0, .update: 1, .reactivate: 2, .suspend: 3, .delete: 4]

    /// Sorts the draft, computes the digests and gates, and makes the target plan.
    func finish(
        _ draft: PlanDraft,
        target: String,
        desired: [DesiredAccount],
        accounts: [ProviderAccount],
        state: SyncState
    ) -> TargetPlan {
        let actions = draft.actions.sorted {
            let left = (Planner.kindOrder[$0.kind] ?? 0, EmailPattern.normalize($0.email), $0.anchor ?? "")
            let right = (Planner.kindOrder[$1.kind] ?? 0, EmailPattern.normalize($1.email), $1.anchor ?? "")
            return left < right
        }
        let sortedDesired = desired.sorted { ($0.anchor, $0.fields.email) < ($1.anchor, $1.fields.email) }
        let sortedAccounts = accounts.sorted { ($0.id ?? "", $0.email) < ($1.id ?? "", $1.email) }
        var sortedState = state
        sortedState.accounts.sort { ($0.anchor, $0.email) < ($1.anchor, $1.email) }
        return TargetPlan(
            target: target,
            provider: draft.provider,
            directoryDigest: CanonicalJSON.digest(sortedDesired),
            providerDigest: CanonicalJSON.digest(sortedAccounts),
            stateDigest: CanonicalJSON.digest(sortedState),
            inScopeCount: desired.count,
            accountCount: accounts.count,
            actions: actions,
            conflicts: draft.conflicts.sorted {
                ($0.anchors.joined(separator: "\n"), $0.emails.joined(separator: "\n"))
                    < ($1.anchors.joined(separator: "\n"), $1.emails.joined(separator: "\n"))
            },
            protected: draft.protected.sorted { ($0.email, $0.withheld.rawValue) < ($1.email, $1.withheld.rawValue) },
            unmanaged: draft.unmanaged.sorted { ($0.email, $0.providerID ?? "") < ($1.email, $1.providerID ?? "") },
            deferredDeletions: draft.deferredDeletions.sorted { $0.anchor < $1.anchor },
            gates: gates(
                for: actions,
                inScopeCount: desired.count,
                accountCount: accounts.count,
                lastInScopeCount: state.lastInScopeCount
            )
        )
    }
}
