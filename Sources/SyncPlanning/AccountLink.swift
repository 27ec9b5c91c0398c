/// A directory user matched to an account that the state store does not record that way yet (first seen, matched
/// by email, or recorded under another id or email).
///
/// `apply` records each link, so that the account counts as
/// managed from then on: when the user leaves, the account is deprovisioned rather than reported as unmanaged.
public struct AccountLink: Sendable, Hashable, Codable {
    /// The directory anchor of the user.
    public var anchor: String
    /// The provider's id of the account (`nil` for a Zoom account still pending).
    public var providerID: String?
    /// The account's email as listed.
    public var email: String
    /// The account is suspended but the state store has no suspension time: apply records the time of the
    /// apply, from which the grace period before deletion runs.
    public var recordsSuspension: Bool

    /// Creates a link.
    /// - Parameters:
    ///   - anchor: the directory anchor.
    ///   - providerID: the provider's id.
    ///   - email: the account's email.
    ///   - recordsSuspension: whether apply records the suspension time.
    public init(anchor: String, providerID: String?, email: String, recordsSuspension: Bool = false) {
        self.anchor = anchor
        self.providerID = providerID
        self.email = email
        self.recordsSuspension = recordsSuspension
    }
}
