public import OrganizerSyncCore

/// An account no directory user maps to and organizer-sync never managed, and what the policy does with it.
public struct UnmanagedAccountReport: Sendable, Hashable, Codable {
    /// The provider's id, if any.
    public var providerID: String?
    /// The account's email.
    public var email: String
    /// The status as seen.
    public var status: ProviderAccount.Status
    /// The policy applied: ``PlanningPolicy/UnmanagedAccounts``.
    public var disposition: PlanningPolicy.UnmanagedAccounts

    /// Creates a report.
    /// - Parameters:
    ///   - providerID: the provider's id.
    ///   - email: the email.
    ///   - status: the status.
    ///   - disposition: the policy applied.
    public init(
        providerID: String?,
        email: String,
        status: ProviderAccount.Status,
        disposition: PlanningPolicy.UnmanagedAccounts
    ) {
        self.providerID = providerID
        self.email = email
        self.status = status
        self.disposition = disposition
    }
}
