import Foundation
import OrganizerSyncCore
import SyncPlanning

/// A tiny in-memory provider and state store that carries out a plan's actions the way the applier will:
/// every precondition is checked against the snapshot the plan was made from, then the actions run in order,
/// and the state store records anchors, provider ids and suspension times.
struct TestProviderModel {
    var accounts: [ProviderAccount]
    var state: SyncState
    private var nextID = 0

    init(accounts: [ProviderAccount], state: SyncState) {
        self.accounts = accounts
        self.state = state
    }

    enum Failure: Error {
        case preconditionFailed(Int)
        case accountNotFound(Int)
    }

    mutating func apply(_ plan: TargetPlan, inScopeCount: Int, now: Date) throws {
        for (index, action) in plan.actions.enumerated() {
            guard action.precondition.holds(for: find(action.precondition).map { accounts[$0] }) else {
                throw Failure.preconditionFailed(index)
            }
        }
        for (index, action) in plan.actions.enumerated() {
            if action.kind == .create, let fields = action.fields {
                nextID += 1
                accounts.append(
                    ProviderAccount(
                        id: "new-\(nextID)",
                        email: fields.email,
                        firstName: fields.firstName,
                        lastName: fields.lastName,
                        displayName: fields.displayName,
                        status: .active,
                        licences: fields.licences ?? [],
                        userType: fields.userType,
                        fields: fields.fields
                    )
                )
                record(action.anchor, account: accounts[accounts.count - 1], suspendedAt: nil)
                continue
            }
            // Later actions on the same account find it by its id, or by the email it has now.
            guard let position = find(action.precondition) ?? findUpdated(action) else {
                throw Failure.accountNotFound(index)
            }
            switch action.kind {
            case .create:
                break
            case .update:
                if let fields = action.fields {
                    TestProviderModel.update(&accounts[position], with: fields)
                    // GoTo: a user counts as suspended exactly when it holds no licence.
                    if plan.provider == .goto, let licences = fields.licences {
                        accounts[position].status = licences.isEmpty ? .suspended : .active
                    }
                }
                record(action.anchor, account: accounts[position], keepSuspension: true)
            case .reactivate:
                accounts[position].status = .active
                record(action.anchor, account: accounts[position], suspendedAt: nil)
            case .suspend:
                accounts[position].status = .suspended
                record(action.anchor, account: accounts[position], suspendedAt: now.timeIntervalSince1970)
            case .delete, .withdrawInvitation:
                accounts.remove(at: position)
                state.accounts.removeAll { $0.anchor == action.anchor && action.anchor != nil }
            }
        }
        state.lastInScopeCount = inScopeCount
    }

    private func find(_ precondition: AccountPrecondition) -> Int? {
        if let id = precondition.providerID { return accounts.firstIndex { $0.id == id } }
        let email = EmailPattern.normalize(precondition.email)
        return accounts.firstIndex { $0.id == nil && EmailPattern.normalize($0.email) == email }
    }

    private func findUpdated(_ action: PlannedAction) -> Int? {
        guard action.precondition.providerID == nil, let email = action.fields?.email else {
            return nil
        }
        return accounts.firstIndex { EmailPattern.normalize($0.email) == EmailPattern.normalize(email) }
    }

    private static func update(_ account: inout ProviderAccount, with fields: AccountFields) {
        account.email = fields.email
        if let value = fields.firstName { account.firstName = value }
        if let value = fields.lastName { account.lastName = value }
        if let value = fields.displayName { account.displayName = value }
        if let value = fields.licences { account.licences = value }
        if let value = fields.userType { account.userType = value }
        account.fields.merge(fields.fields) { $1 }
    }

    private mutating func record(
        _ anchor: String?,
        account: ProviderAccount,
        suspendedAt: Double? = nil,
        keepSuspension: Bool = false
    ) {
        guard let anchor else { return }
        let previous = state.accounts.first { $0.anchor == anchor }
        state.accounts.removeAll { $0.anchor == anchor }
        state.accounts.append(
            SyncState.ManagedAccount(
                anchor: anchor,
                providerID: account.id,
                email: account.email,
                suspendedAt: keepSuspension ? previous?.suspendedAt : suspendedAt
            )
        )
    }
}
