import OrganizerSyncCore

extension Planner {
    /// Seconds in a day, for grace periods counted in days.
    static let secondsPerDay = 86_400.0

    /// Plans the account of a user who left the scope, was deleted from the directory, or was disabled.
    func planDeprovisioning(
        _ account: ProviderAccount,
        anchor: String,
        dn: String?,
        record: SyncState.ManagedAccount?,
        reason: String,
        into draft: inout PlanDraft
    ) {
        // Zoom refuses to deactivate a user who never accepted the invitation (HTTP 400, code 300), so `suspend`
        // cannot apply to it. `suspend` deletes nothing, so the invitation is kept unless the policy says
        // `pending_invitations: withdraw` (or `deprovision: delete`); withdrawing loses nothing that was used.
        if draft.provider == .zoom, account.status == .pending {
            guard policy.pendingInvitations == .withdraw || policy.deprovisioning == .delete else { return }
            let rule =
                policy.pendingInvitations == .withdraw
                ? "policy pending_invitations: withdraw" : "policy deprovision: delete"
            let reasons = [reason, "the Zoom invitation was never accepted: it is withdrawn (\(rule))"]
            draft.propose(.withdrawInvitation, on: account, anchor: anchor, dn: dn, reasons: reasons)
            return
        }
        switch policy.deprovisioning {
        case .suspend:
            if account.status != .suspended {
                draft.propose(.suspend, on: account, anchor: anchor, dn: dn, reasons: [reason])
            }
        case .delete:
            draft.propose(.delete, on: account, anchor: anchor, dn: dn, reasons: [reason])
        case .suspendThenDelete(let days):
            guard account.status == .suspended else {
                let reasons = [reason, "delete after \(Wording.days(days)) suspended"]
                draft.propose(.suspend, on: account, anchor: anchor, dn: dn, reasons: reasons)
                return
            }
            if record?.suspendedAt == nil {
                // Suspended outside organizer-sync (or by a run killed before it recorded the time): the grace
                // period starts when apply records this suspension.
                draft.links.append(
                    AccountLink(anchor: anchor, providerID: account.id, email: account.email, recordsSuspension: true)
                )
            }
            let deleteAfter = record?.suspendedAt.map { $0 + Double(days) * Planner.secondsPerDay }
            if let deleteAfter, draft.now >= deleteAfter {
                let reasons = [reason, "grace period of \(Wording.days(days)) expired"]
                draft.propose(.delete, on: account, anchor: anchor, dn: dn, reasons: reasons)
            } else {
                draft.deferredDeletions.append(
                    DeferredDeletion(
                        anchor: anchor,
                        providerID: account.id,
                        email: account.email,
                        suspendedAt: record?.suspendedAt,
                        deleteAfter: deleteAfter
                    )
                )
            }
        }
    }

    /// Reports an account nobody manages and applies the unmanaged-accounts policy to it.
    func planUnmanaged(_ account: ProviderAccount, into draft: inout PlanDraft) {
        let disposition = policy.unmanagedAccounts
        draft.unmanaged.append(
            UnmanagedAccountReport(
                providerID: account.id,
                email: account.email,
                status: account.status,
                disposition: disposition
            )
        )
        let reasons = ["unmanaged account (policy: \(disposition.rawValue))"]
        switch disposition {
        case .leave:
            break
        case .suspend:
            if account.status != .suspended {
                draft.propose(.suspend, on: account, anchor: nil, dn: nil, reasons: reasons)
            }
        case .delete:
            draft.propose(.delete, on: account, anchor: nil, dn: nil, reasons: reasons)
        }
    }
}
