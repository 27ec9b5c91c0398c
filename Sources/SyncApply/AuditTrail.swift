public import AuditLog
import OrganizerSyncCore
import SyncPlanning

/// Turns apply's steps into audit records: `intent` before a change, `outcome` after it, and the run's start
/// and end.
///
/// Every record is flushed to disk before the step that follows it.
public struct AuditTrail: Sendable {
    /// The audit log.
    public let writer: AuditLogWriter

    /// Wraps `writer`.
    public init(writer: AuditLogWriter) {
        self.writer = writer
    }

    /// Writes the `run-start` record.
    func runStart(_ start: AuditEvent.RunStart) throws {
        try writer.append(.runStart(start))
    }

    /// Writes the `run-end` record.
    func runEnd(
        result: AuditResult,
        counts: [String: Int],
        inScope: [String: Int]? = nil,
        message: String? = nil
    )
        throws
    {
        try writer.append(.runEnd(.init(counts: counts, result: result, inScope: inScope, message: message)))
    }

    /// Writes one `adoption` record per account newly linked to a directory user, flushed once for all.
    func adoptions(_ accounts: [SyncState.ManagedAccount], target: String, provider: ProviderKind) throws {
        guard !accounts.isEmpty else { return }
        try writer.appendAll(
            accounts.map {
                .adoption(
                    AuditEvent.Adoption(
                        target: target,
                        provider: provider.rawValue,
                        email: $0.email,
                        anchor: $0.anchor,
                        providerId: $0.providerID,
                        reasons: ["an existing account matched to the directory user by email, now managed"]
                    )
                )
            }
        )
    }

    /// Writes the `intent` record of `action` on `account` (as listed at the start of apply; `nil` for a create).
    func intent(target: String, provider: ProviderKind, action: PlannedAction, account: ProviderAccount?) throws {
        try writer.append(.intent(Self.change(target: target, provider: provider, action: action, account: account)))
    }

    /// Writes the `outcome` record of a change the provider made.
    func succeeded(
        target: String,
        provider: ProviderKind,
        action: PlannedAction,
        account: ProviderAccount?,
        after: ProviderAccount?
    ) throws {
        let change = Self.change(target: target, provider: provider, action: action, account: account)
        try writer.append(
            .outcome(.init(for: change, result: .succeeded, providerId: after?.id, after: after.map(Self.fields(of:))))
        )
    }

    /// Writes the `outcome` record of a change the provider refused or that failed on the way.
    func failed(
        target: String,
        provider: ProviderKind,
        action: PlannedAction,
        account: ProviderAccount?,
        error: ProviderError
    ) throws {
        let change = Self.change(target: target, provider: provider, action: action, account: account)
        try writer.append(
            .outcome(
                .init(
                    for: change,
                    result: .failed,
                    errorCode: error.code.description,
                    providerCode: error.providerCode,
                    trackingId: error.trackingID,
                    httpStatus: error.httpStatus,
                    message: String(describing: error)
                )
            )
        )
    }

    /// Writes the `outcome` record of an action not tried, with why.
    func skipped(target: String, provider: ProviderKind, action: PlannedAction, reason: String) throws {
        let change = Self.change(target: target, provider: provider, action: action, account: nil)
        try writer.append(.outcome(.init(for: change, result: .skipped, message: reason)))
    }

    /// The identifying part of an action's records, with the account's fields before and the fields intended.
    static func change(
        target: String,
        provider: ProviderKind,
        action: PlannedAction,
        account: ProviderAccount?
    ) -> AuditEvent.Change {
        AuditEvent.Change(
            target: target,
            provider: provider.rawValue,
            action: action.kind,
            email: action.email,
            anchor: action.anchor,
            providerId: account?.id ?? action.precondition.providerID,
            before: account.map(fields(of:)),
            after: intended(action, account: account),
            reasons: action.reasons
        )
    }

    /// The fields an action means to set: every mapped field of a create, the changed fields of an update, the
    /// status of a suspend or reactivate; `nil` for a delete.
    static func intended(_ action: PlannedAction, account: ProviderAccount?) -> [String: String]? {
        switch action.kind {
        case .create:
            return action.fields.map(fields(of:))
        case .update:
            return Dictionary(action.changes.map { ($0.field, $0.after ?? "") }, uniquingKeysWith: { _, last in last })
        case .suspend:
            return ["status": ProviderAccount.Status.suspended.rawValue]
        case .reactivate:
            return ["status": ProviderAccount.Status.active.rawValue]
        case .delete, .withdrawInvitation:
            return nil
        }
    }

    /// An account's fields as flat text: names, status, licences (comma-separated), user type, roles, and the
    /// provider's own fields under their names.
    static func fields(of account: ProviderAccount) -> [String: String] {
        var fields = account.fields
        fields["email"] = account.email
        fields["status"] = account.status.rawValue
        fields["firstName"] = account.firstName
        fields["lastName"] = account.lastName
        fields["displayName"] = account.displayName
        fields["userType"] = account.userType
        if !account.licences.isEmpty { fields["licences"] = account.licences.joined(separator: ",") }
        if !account.roles.isEmpty { fields["roles"] = account.roles.joined(separator: ",") }
        return fields
    }

    /// The fields a create sends, as flat text.
    static func fields(of fields: AccountFields) -> [String: String] {
        var result = fields.fields
        result["email"] = fields.email
        result["firstName"] = fields.firstName
        result["lastName"] = fields.lastName
        result["displayName"] = fields.displayName
        result["userType"] = fields.userType
        if let licences = fields.licences { result["licences"] = licences.joined(separator: ",") }
        return result
    }
}
