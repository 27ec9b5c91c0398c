public import Foundation
public import OrganizerSyncCore

/// Computes what should change at one target: a pure value, no I/O, the same plan for the same inputs.
///
/// Matching: a directory user is matched to the account the state store records for its anchor (by the
/// recorded provider id, else by the recorded email), then by normalized email (trimmed, case-insensitive).
/// Anchors, accounts and emails that cannot be matched one to one are reported as conflicts and left alone.
public struct Planner: Sendable {
    /// The target's policy.
    public var policy: PlanningPolicy

    /// Creates a planner.
    /// - Parameter policy: the target's policy.
    public init(policy: PlanningPolicy = .default) {
        self.policy = policy
    }

    /// Plans one target.
    /// - Parameters:
    ///   - target: the target's name in the configuration.
    ///   - provider: the provider behind the target.
    ///   - desired: the mapped directory users in scope (enabled or not).
    ///   - accounts: the provider's accounts, as listed.
    ///   - state: what the state store remembers about the target.
    ///   - now: the time the plan is made, for grace periods.
    ///   - directoryAnchors: the anchors of every user the directory read returned, in scope or not, when the
    ///     caller has them: a leaver is then reported as "deleted from the directory" or "not in scope any
    ///     more"; without them every leaver is "not in scope any more".
    ///   - directoryDigest: ``directoryDigest(of:)`` of `desired`, when the caller computed it already (a run
    ///     does while it lists the accounts); computed here otherwise.
    /// - Returns: the plan, marked blocked if a threshold or guard tripped.
    public func plan(
        target: String,
        provider: ProviderKind,
        desired: [DesiredAccount],
        accounts: [ProviderAccount],
        state: SyncState,
        now: Date,
        directoryAnchors: Set<String>? = nil,
        directoryDigest: String? = nil
    ) -> TargetPlan {
        let (draft, digests) = Planner.alongsideSnapshotDigests(
            desired: desired,
            accounts: accounts,
            directory: directoryDigest
        ) {
            var draft = PlanDraft(policy: policy, provider: provider, now: now.timeIntervalSince1970)
            var records: [String: SyncState.ManagedAccount] = [:]
            records.reserveCapacity(state.accounts.count)
            for record in state.accounts where records[record.anchor] == nil {
                records[record.anchor] = record
            }

            let links = Planner.link(desired: desired, accounts: accounts, state: state)
            for componentIndex in 0..<links.count {
                let component = links.component(componentIndex)
                if component.anchors.isEmpty {
                    for slot in component.accounts { planUnmanaged(accounts[Int(links.accounts[slot])], into: &draft) }
                } else if component.anchors.count == 1, component.accounts.count <= 1, component.users.count <= 1 {
                    // Users and accounts are passed straight from their arrays, not wrapped in optionals: a copy
                    // of either retains every field.
                    let anchor = links.anchor(at: component.anchors.lowerBound)
                    let record = records.isEmpty ? nil : records[anchor]
                    if let userSlot = component.users.first {
                        let user = Int(links.users[userSlot])
                        if let accountSlot = component.accounts.first {
                            planMatch(
                                anchor: anchor,
                                user: desired[user],
                                account: accounts[Int(links.accounts[accountSlot])],
                                record: record,
                                into: &draft
                            )
                        } else if desired[user].isEnabled {
                            draft.create(desired[user])
                        }
                    } else if let accountSlot = component.accounts.first {
                        planDeprovisioning(
                            accounts[Int(links.accounts[accountSlot])],
                            anchor: anchor,
                            dn: nil,
                            record: record,
                            reason: directoryAnchors?.contains(anchor) == false
                                ? "deleted from the directory" : "not in scope any more",
                            into: &draft
                        )
                    }
                } else {
                    draft.conflicts.append(
                        Planner.conflict(
                            anchors: component.anchors.map { links.anchor(at: $0) },
                            users: component.users.map { desired[Int(links.users[$0])] },
                            accounts: component.accounts.map { accounts[Int(links.accounts[$0])] }
                        )
                    )
                }
            }
            return draft
        }
        return finish(
            consume draft,
            digests: digests,
            target: target,
            desired: desired,
            accounts: accounts,
            state: state
        )
    }

    /// Plans a user matched to an account: deprovisioning when the user is disabled, else the link to record,
    /// a reactivate and the update of the fields that differ. (A user without an account is a create, an
    /// account without a user a leaver: `plan` handles those.)
    private func planMatch(
        anchor: String,
        user: DesiredAccount,
        account: ProviderAccount,
        record: SyncState.ManagedAccount?,
        into draft: inout PlanDraft
    ) {
        guard user.isEnabled else {
            planDeprovisioning(
                account,
                anchor: anchor,
                dn: user.dn,
                record: record,
                reason: "disabled in the directory",
                into: &draft
            )
            return
        }
        if record?.providerID != account.id
            || record.map({ EmailPattern.normalize($0.email) }) != EmailPattern.normalize(account.email)
        {
            draft.links.append(AccountLink(anchor: anchor, providerID: account.id, email: account.email))
        }
        // A Zoom invitation still pending cannot take profile changes until the user accepts it; the fields
        // are updated by the first plan after that. An invitation sent to an address the user no longer has
        // is withdrawn (nothing is lost: it was never accepted) and a new one sent.
        if draft.provider == .zoom, account.status == .pending {
            if EmailPattern.normalize(account.email) != EmailPattern.normalize(user.fields.email) {
                draft.create(user)
                draft.propose(
                    .withdrawInvitation,
                    on: account,
                    anchor: anchor,
                    dn: user.dn,
                    reasons: ["email changed while the Zoom invitation was pending: it is withdrawn and sent again"]
                )
            }
            return
        }
        // GoTo has no suspended state: a user without any licence counts as suspended, and the licence update
        // below gives the mapped licences back. Only with no licences mapped is a reactivate (the licences
        // the suspend took away, remembered by the state store) needed.
        let relicensed = draft.provider == .goto && account.licences.isEmpty && !(user.fields.licences ?? []).isEmpty
        // An account in a state this connector does not know is reported (withheld as protected), never touched.
        if (account.status == .suspended && !relicensed) || account.status == .unknown {
            draft.propose(
                .reactivate,
                on: account,
                anchor: anchor,
                dn: user.dn,
                reasons: PlanDraft.scopeReasons(of: user)
            )
        }
        let (changes, fields) = Planner.differences(
            from: account,
            to: user.fields,
            provider: draft.provider
        )
        if !changes.isEmpty {
            var reasons = changes.map { "field \($0.field) changed" }
            if let rule = user.licenceRule,
                changes.contains(where: { ["licences", "userType"].contains($0.field) })
            {
                reasons.append("licence rule: \(rule)")
            }
            draft.propose(
                .update,
                on: account,
                anchor: anchor,
                dn: user.dn,
                reasons: reasons,
                changes: changes,
                fields: fields
            )
        }
    }

    /// Builds a conflict report for a component that is not one to one.
    static func conflict(
        anchors: [String],
        users: [DesiredAccount],
        accounts: [ProviderAccount]
    )
        -> PlanConflict
    {
        let userEmails = users.map { EmailPattern.normalize($0.fields.email) }
        let kind: PlanConflict.Kind
        if Set(users.map(\.anchor)).count < users.count {
            kind = .duplicateAnchor
        } else if Set(userEmails).count < userEmails.count {
            kind = .duplicateEmail
        } else if accounts.count <= 1 {
            kind = .sharedAccount
        } else if anchors.count == 1 {
            kind = .severalAccounts
        } else {
            kind = .tangled
        }
        let emails = Set(userEmails + accounts.map { EmailPattern.normalize($0.email) })
        return PlanConflict(
            kind: kind,
            anchors: anchors,
            emails: emails.sorted(),
            providerIDs: accounts.compactMap(\.id).sorted()
        )
    }
}
