import Foundation
import Logging
import OrganizerSyncCore
import StateStore
import SyncPlanning

/// Runs the actions of one ``AccountUnit``: precondition, intent, provider call, outcome, state.
struct UnitRunner: Sendable {
    let target: PreparedTarget
    /// The checks each action passes whatever the plan says (see ``ActionGuard``).
    let actionGuard: ActionGuard
    let planDigest: String
    let state: StateDatabase
    let trail: AuditTrail
    let interruption: ApplyInterruption
    let logger: Logger
    /// Set when a create is refused as throttled beyond the retry budget (Zoom's daily create cap): the
    /// target's other creates are skipped, left for the next run, not sent into the same limit.
    let createStop = CreateStop()

    /// Runs the unit's actions in order; stops at the first that does not succeed, skipping the rest.
    func run(_ unit: AccountUnit) async throws -> [ActionResult] {
        let actions = target.plan.actions
        var results: [ActionResult] = []
        var account: ProviderAccount?
        for (position, index) in unit.indexes.enumerated() {
            let action = actions[index]
            if let earlier = results.last, earlier.status != .succeeded, earlier.status != .alreadyApplied {
                results.append(try skip(index, action, "an earlier action on this account did not succeed"))
                continue
            }
            if target.alreadyApplied.contains(index) {
                var result = try skip(index, action, "already applied by an earlier run of this plan")
                result.status = .alreadyApplied
                results.append(result)
                continue
            }
            if interruption.isInterrupted {
                results.append(try skip(index, action, "the run was interrupted before this change"))
                continue
            }
            if action.kind == .create, let reason = createStop.reason {
                results.append(try skip(index, action, reason))
                continue
            }
            if position == 0 {
                let current = target.current(for: action.precondition)
                if let reason = Self.stale(action.precondition, current: current) {
                    results.append(try skip(index, action, reason))
                    continue
                }
                account = current
            }
            if let reason = actionGuard.refusal(of: action, on: account) {
                results.append(try skip(index, action, reason))
                continue
            }
            let (result, after) = try await perform(index, action, on: account)
            results.append(result)
            account = after
        }
        return results
    }

    /// Why the account no longer matches the precondition, or `nil` when it does.
    static func stale(_ precondition: AccountPrecondition, current: ProviderAccount?) -> String? {
        guard !precondition.holds(for: current) else { return nil }
        guard let current else { return "the account no longer exists at the provider" }
        guard precondition.exists else { return "an account with this email exists now (created since the plan)" }
        if current.email.lowercased() != precondition.email.lowercased() {
            return "the account's email changed since the plan"
        }
        if current.status != precondition.status {
            return "the account's status changed since the plan (\(precondition.status?.rawValue ?? "none") → "
                + "\(current.status.rawValue))"
        }
        return "the account changed since the plan"
    }

    /// Audits, performs and records one action.
    private func perform(
        _ index: Int,
        _ action: PlannedAction,
        on account: ProviderAccount?
    ) async throws -> (ActionResult, ProviderAccount?) {
        let name = target.target.name
        let provider = target.target.provider
        try trail.intent(target: name, provider: provider.kind, action: action, account: account)
        do {
            let after: ProviderAccount?
            switch action.kind {
            case .create:
                after = try await provider.create(try Self.fields(of: action))
            case .update:
                after = try await provider.update(try Self.require(account), with: try Self.fields(of: action))
            case .suspend:
                after = try await provider.suspend(try Self.require(account))
            case .reactivate:
                after = try await provider.reactivate(withRememberedLicences(try Self.require(account), action))
            case .delete, .withdrawInvitation:
                // A pending Zoom user is removed with `disassociate`, which withdraws the invitation (ZoomClient).
                try await provider.delete(try Self.require(account))
                after = nil
            }
            try trail.succeeded(target: name, provider: provider.kind, action: action, account: account, after: after)
            try record(index, action, after: after)
            logger.debug("applied", metadata: ["target.name": "\(name)", "action": "\(action.kind)"])
            return (
                ActionResult(target: name, index: index, kind: action.kind, email: action.email, status: .succeeded),
                after
            )
        } catch let error as ProviderError {
            try trail.failed(target: name, provider: provider.kind, action: action, account: account, error: error)
            logger.warning(
                "change failed",
                metadata: ["target.name": "\(name)", "action": "\(action.kind)", "error": "\(error)"]
            )
            if action.kind == .create, error.code == .rateLimited {
                createStop.stop(because: error, target: name, logger: logger)
            }
            let result = ActionResult(
                target: name,
                index: index,
                kind: action.kind,
                email: action.email,
                status: .failed,
                reason: String(describing: error),
                errorCode: error.code.description
            )
            return (result, account)
        }
    }

    /// The account with the licences a suspend took away, from the state store, when the provider (GoTo) needs them.
    private func withRememberedLicences(_ account: ProviderAccount, _ action: PlannedAction) -> ProviderAccount {
        guard account.fields[ProviderAccount.suspendedLicencesField] == nil, let anchor = action.anchor,
            let licences = target.records[anchor]?.suspendedLicences, !licences.isEmpty
        else { return account }
        var account = account
        account.fields[ProviderAccount.suspendedLicencesField] = licences.joined(separator: ",")
        return account
    }

    /// Updates the state store after a change succeeded and marks the action applied, in one transaction (a
    /// crash cannot leave the account recorded but the action unmarked, or the other way round).
    private func record(_ index: Int, _ action: PlannedAction, after: ProviderAccount?) throws {
        let name = target.target.name
        var update: StateDatabase.ManagedUpdate?
        if let anchor = action.anchor {
            var record =
                target.records[anchor]
                ?? SyncState.ManagedAccount(anchor: anchor, providerID: nil, email: action.email)
            if let after {
                record.providerID = after.id ?? record.providerID
                record.email = after.email
            }
            switch action.kind {
            case .create, .update:
                break
            case .suspend:
                record.suspendedAt = Date().timeIntervalSince1970
                record.suspendedLicences =
                    after?.fields[ProviderAccount.suspendedLicencesField]?.split(separator: ",").map(String.init) ?? []
            case .reactivate:
                record.suspendedAt = nil
                record.suspendedLicences = []
            case .delete, .withdrawInvitation:
                break
            }
            update = [.delete, .withdrawInvitation].contains(action.kind) ? .forget(anchor: anchor) : .save(record)
        }
        try state.markApplied(planDigest: planDigest, actionIndex: index, target: name, recording: update)
    }

    private func skip(_ index: Int, _ action: PlannedAction, _ reason: String) throws -> ActionResult {
        try trail.skipped(
            target: target.target.name,
            provider: target.target.provider.kind,
            action: action,
            reason: reason
        )
        return ActionResult(
            target: target.target.name,
            index: index,
            kind: action.kind,
            email: action.email,
            status: .skipped,
            reason: reason
        )
    }

    private static func fields(of action: PlannedAction) throws -> AccountFields {
        guard let fields = action.fields else {
            throw ApplyError(.planTampered, "a \(action.kind) action carries no fields")
        }
        return fields
    }

    private static func require(_ account: ProviderAccount?) throws -> ProviderAccount {
        guard let account else { throw ApplyError(.planTampered, "an action on an existing account has no account") }
        return account
    }
}
