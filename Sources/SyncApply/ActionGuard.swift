import OrganizerSyncCore
import SyncPlanning

/// Defence in depth at apply time, whatever the plan's seal says: each action is checked against what this process
/// sees now (the state store, the fresh listing, the configuration's policy, a fresh narrow directory read), never
/// against what the plan file claims.
///
/// - A delete, suspend or update must address an account the state store manages for the action's user, or one the
///   plan matched by email (a link, or a first apply's deprovisioning) where the fresh directory read justifies the
///   match (the listed account's email is the directory user's); without a user, only an unmanaged account that
///   `policy.unmanaged` says to suspend or delete.
/// - No action touches an account the policy protects (patterns, provider administrators, roles), re-evaluated on
///   the fresh listing.
/// - A create or reactivate must name a user whom the fresh directory read finds enabled and in the target's scope,
///   with the email the action uses.
struct ActionGuard: Sendable {
    /// The target's policy now (the configuration digest check guarantees it is the plan's).
    let policy: PlanningPolicy
    /// The policy's protection rules.
    let protection: AccountProtection
    /// The state store's records by anchor, with the links this run accepted.
    let managed: [String: SyncState.ManagedAccount]
    /// The directory's answer for the plan's creates, reactivates and links; `nil` when the target has no recheck
    /// (unit tests of the applier only).
    let directory: [String: DirectoryStanding]?

    /// Whether the plan's `link` is justified by the fresh listing and directory read, or by the state store.
    static func justifies(
        _ link: AccountLink,
        listed: ProviderAccount,
        record: SyncState.ManagedAccount?,
        directory: [String: DirectoryStanding]?
    ) -> Bool {
        if let record {
            if let id = record.providerID, id == listed.id { return true }
            if record.providerID == nil, EmailPattern.normalize(record.email) == EmailPattern.normalize(listed.email) {
                return true
            }
        }
        guard let directory else { return true }
        guard let standing = directory[link.anchor] else { return false }
        let email = EmailPattern.normalize(listed.email)
        return [standing.directoryEmail, standing.mappedEmail].contains { $0.map(EmailPattern.normalize) == email }
    }

    /// Why `action` must not run on `account` (the account as listed now), or `nil` when it may.
    func refusal(of action: PlannedAction, on account: ProviderAccount?) -> String? {
        if let account, let rule = protection.rule(for: account) {
            return "refused at apply: the account is protected (\(rule))"
        }
        switch action.kind {
        case .create:
            return directoryRefusal(action)
        case .reactivate:
            return directoryRefusal(action) ?? managementRefusal(action, account)
        case .update, .suspend, .delete:
            return managementRefusal(action, account)
        case .withdrawInvitation:
            // Only an invitation still pending is withdrawn: one accepted since the plan is a used account now.
            if let account, account.status != .pending {
                return "refused at apply: the invitation is no longer pending (\(account.status.rawValue) now)"
            }
            return managementRefusal(action, account)
        }
    }

    /// The directory no longer vouches for the user a create or reactivate names.
    private func directoryRefusal(_ action: PlannedAction) -> String? {
        guard let directory else { return nil }
        guard let anchor = action.anchor, let standing = directory[anchor] else {
            return "refused at apply: the directory has no user with this anchor now"
        }
        guard standing.isEnabled else { return "refused at apply: the user is disabled in the directory now" }
        guard standing.isInScope else { return "refused at apply: the user is no longer in the target's scope" }
        guard standing.mappedEmail.map(EmailPattern.normalize) == EmailPattern.normalize(action.email) else {
            return "refused at apply: the directory gives this user another email now"
        }
        return nil
    }

    /// The account is not one the state store manages for the action's user, nor an unmanaged account the policy
    /// says to suspend or delete.
    private func managementRefusal(_ action: PlannedAction, _ account: ProviderAccount?) -> String? {
        guard let account else { return nil }  // the precondition reports a missing account
        guard let anchor = action.anchor else {
            let allowed =
                (action.kind == .suspend && policy.unmanagedAccounts == .suspend)
                || (action.kind == .delete && policy.unmanagedAccounts == .delete)
            let isSomeonesAccount = managed.values.contains { $0.providerID != nil && $0.providerID == account.id }
            return allowed && !isSomeonesAccount
                ? nil
                : "refused at apply: the account is not managed and policy.unmanaged does not allow a \(action.kind)"
        }
        guard let record = managed[anchor] else {
            // A match the plan made by email (a first apply): the fresh directory read must give the user this email.
            let link = AccountLink(anchor: anchor, providerID: account.id, email: account.email)
            return Self.justifies(link, listed: account, record: nil, directory: directory)
                ? nil
                : "refused at apply: the state store does not manage this account for this user, and the directory "
                    + "read now does not give the user its email"
        }
        let matches =
            if let id = record.providerID, let listed = account.id {
                id == listed
            } else {
                EmailPattern.normalize(record.email) == EmailPattern.normalize(account.email)
            }
        return matches ? nil : "refused at apply: the state store records another account for this user"
    }
}
