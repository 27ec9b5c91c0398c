/// The members that name the account a change is about, shared by the intent (``AuditEvent/Change``) and the
/// outcome (``AuditEvent/Outcome``) of the change.
protocol ChangedAccount {
    var target: String { get }
    var provider: String { get }
    var action: AuditAction { get }
    var email: String? { get }
    var anchor: String? { get }
    var providerId: String? { get }
}

extension AuditEvent.Change: ChangedAccount {}
extension AuditEvent.Outcome: ChangedAccount {}

extension AuditRecord {
    /// Sets the target, provider, action, email, anchor and provider id of the account `change` is about.
    mutating func setAccount(of change: some ChangedAccount) {
        target = change.target
        provider = change.provider
        action = change.action
        email = change.email
        anchor = change.anchor
        providerId = change.providerId
    }
}
