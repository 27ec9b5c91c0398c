import OrganizerSyncCore

extension Planner {
    /// The order actions are listed in.
    private static let kindOrder: [ActionKind: Int] = [
        .create: 0, .update: 1, .reactivate: 2, .suspend: 3, .delete: 4,
    ]

    /// Sorts the draft, computes the digests and gates, and makes the target plan.
    func finish(
        _ draft: PlanDraft,
        target: String,
        desired: [DesiredAccount],
        accounts: [ProviderAccount],
        state: SyncState
    ) -> TargetPlan {
        // Sort keys are computed once per action, not once per comparison.
        let actions = draft.actions
            .map { action in
                (
                    key: (
                        Planner.kindOrder[action.kind] ?? 0,
                        EmailPattern.normalize(action.email),
                        action.anchor ?? "",
                        action.precondition.providerID ?? ""
                    ),
                    action: action
                )
            }
            .sorted { $0.key < $1.key }
            .map(\.action)
        return TargetPlan(
            target: target,
            provider: draft.provider,
            directoryDigest: CanonicalJSON.sha256Hex(
                CanonicalWriter.sortedArray(desired.map(CanonicalWriter.bytes(of:)))
            ),
            providerDigest: CanonicalJSON.sha256Hex(
                CanonicalWriter.sortedArray(accounts.map(CanonicalWriter.bytes(of:)))
            ),
            stateDigest: Planner.stateDigest(state),
            inScopeCount: desired.count,
            accountCount: accounts.count,
            actions: actions,
            conflicts: draft.conflicts.sorted {
                ($0.anchors.joined(separator: "\n"), $0.emails.joined(separator: "\n"))
                    < ($1.anchors.joined(separator: "\n"), $1.emails.joined(separator: "\n"))
            },
            protected: draft.protected.sorted {
                ($0.email, $0.withheld.rawValue) < ($1.email, $1.withheld.rawValue)
            },
            unmanaged: draft.unmanaged.sorted {
                ($0.email, $0.providerID ?? "") < ($1.email, $1.providerID ?? "")
            },
            deferredDeletions: draft.deferredDeletions.sorted { $0.anchor < $1.anchor },
            gates: gates(
                for: actions,
                inScopeCount: desired.count,
                accountCount: accounts.count,
                lastInScopeCount: state.lastInScopeCount
            ),
            links: draft.links.sorted { $0.anchor < $1.anchor }
        )
    }

    /// SHA-256 (hex) over `{"accounts":[...],"lastInScopeCount":n}`, the records in canonical order and
    /// `lastInScopeCount` left out when unknown.
    static func stateDigest(_ state: SyncState) -> String {
        var data = Array(#"{"accounts":"#.utf8)
        data.append(contentsOf: CanonicalWriter.sortedArray(state.accounts.map(CanonicalWriter.bytes(of:))))
        if let count = state.lastInScopeCount {
            data.append(contentsOf: #","lastInScopeCount":\#(count)"#.utf8)
        }
        data.append(UInt8(ascii: "}"))
        return CanonicalJSON.sha256Hex(data)
    }
}
