public import OrganizerSyncCore

/// An account the plan would have changed but did not, because the policy protects it.
public struct ProtectedAccountReport: Sendable, Hashable, Codable {
    /// The directory anchor the account is matched to; `nil` for an unmanaged account.
    public var anchor: String?
    /// The provider's id, if any.
    public var providerID: String?
    /// The account's email.
    public var email: String
    /// The status as seen.
    public var status: ProviderAccount.Status
    /// What protects it: `pattern:*@ops.example.com`, `administrator`, `role:owner`, or `status:unknown`
    /// (a state this connector does not know is never touched).
    public var protectedBy: String
    /// The action that was withheld.
    public var withheld: ActionKind
    /// Why that action would have been planned.
    public var reasons: [String]

    /// Creates a report.
    /// - Parameters:
    ///   - anchor: the directory anchor, if any.
    ///   - providerID: the provider's id.
    ///   - email: the email.
    ///   - status: the status.
    ///   - protectedBy: the rule that protects the account.
    ///   - withheld: the withheld action.
    ///   - reasons: why the action would have been planned.
    public init(
        anchor: String?,
        providerID: String?,
        email: String,
        status: ProviderAccount.Status,
        protectedBy: String,
        withheld: ActionKind,
        reasons: [String]
    ) {
        self.anchor = anchor
        self.providerID = providerID
        self.email = email
        self.status = status
        self.protectedBy = protectedBy
        self.withheld = withheld
        self.reasons = reasons
    }
}
