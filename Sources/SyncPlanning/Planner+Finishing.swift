import OrganizerSyncCore

extension Planner {
    /// The order actions are listed in.
    private static func rank(_ kind: ActionKind) -> Int {
        switch kind {
        case .create: 0
        case .update: 1
        case .reactivate: 2
        case .suspend: 3
        case .delete: 4
        case .withdrawInvitation: 5
        }
    }

    /// Sorts the draft, computes the state digest and the gates, and makes the target plan.
    func finish(
        _ draft: consuming PlanDraft,
        digests: SnapshotDigests,
        target: String,
        desired: [DesiredAccount],
        accounts: [ProviderAccount],
        state: SyncState
    ) -> TargetPlan {
        var actions = draft.actions
        draft.actions = []  // so that `actions` is the only reference and is sorted in place
        Planner.sort(&actions)
        return TargetPlan(
            target: target,
            provider: draft.provider,
            directoryDigest: digests.directory,
            providerDigest: digests.provider,
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

    /// The actions by kind, then normalized email, anchor and provider id; ties keep their order, as a stable
    /// sort would.
    ///
    /// Sort keys are computed once per action, not once per comparison; indices are sorted, and the actions
    /// are put in that order by swaps, which move them instead of copying (a copy retains every field).
    static func sort(_ actions: inout [PlannedAction]) {
        var keys: [(Int, String, String, String)] = []
        keys.reserveCapacity(actions.count)
        for index in actions.indices {
            keys.append(
                (
                    Planner.rank(actions[index].kind),
                    EmailPattern.normalize(actions[index].email),
                    actions[index].anchor ?? "",
                    actions[index].precondition.providerID ?? ""
                )
            )
        }
        let order = actions.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        // Position i receives the action at order[i]: follow each cycle of the permutation with swaps.
        var isPlaced = [Bool](repeating: false, count: order.count)
        actions.withUnsafeMutableBufferPointer { buffer in
            for start in buffer.indices where !isPlaced[start] {
                var position = start
                while order[position] != start {
                    buffer.swapAt(position, order[position])
                    isPlaced[position] = true
                    position = order[position]
                }
                isPlaced[position] = true
            }
        }
    }

    /// SHA-256 (hex) over `{"accounts":[...],"lastInScopeCount":n}`, the records in canonical order and
    /// `lastInScopeCount` left out when unknown.
    static func stateDigest(_ state: SyncState) -> String {
        var suffix: [UInt8] = []
        if let count = state.lastInScopeCount {
            suffix.append(contentsOf: #","lastInScopeCount":\#(count)"#.utf8)
        }
        suffix.append(UInt8(ascii: "}"))
        let records = state.accounts
        return CanonicalWriter.sortedArrayDigest(
            count: records.count,
            prefix: Array(#"{"accounts":"#.utf8),
            suffix: suffix
        ) { $0.write(records[$1]) }
    }
}
