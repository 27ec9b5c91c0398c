/// A suspended account whose grace period is still running: it will be deleted by a later plan.
public struct DeferredDeletion: Sendable, Hashable, Codable {
    /// The directory anchor of the account's user.
    public var anchor: String
    /// The provider's id, if any.
    public var providerID: String?
    /// The account's email.
    public var email: String
    /// When organizer-sync suspended the account (seconds since 1970), if known.
    public var suspendedAt: Double?
    /// When the account becomes due for deletion (seconds since 1970); `nil` when the suspension time is
    /// unknown, in which case the account is never deleted by the grace rule.
    public var deleteAfter: Double?

    /// Creates a report.
    /// - Parameters:
    ///   - anchor: the anchor.
    ///   - providerID: the provider's id.
    ///   - email: the email.
    ///   - suspendedAt: when the account was suspended.
    ///   - deleteAfter: when it becomes due for deletion.
    public init(
        anchor: String,
        providerID: String?,
        email: String,
        suspendedAt: Double?,
        deleteAfter: Double?
    ) {
        self.anchor = anchor
        self.providerID = providerID
        self.email = email
        self.suspendedAt = suspendedAt
        self.deleteAfter = deleteAfter
    }
}
