/// A directory user matched to an account that the state store does not record that way yet (first seen, matched
/// by email, or recorded under another id or email). `apply` records each link, so that the account counts as
/// managed from then on: when the user leaves, the account is deprovisioned rather than reported as unmanaged.
public struct AccountLink: Sendable, Hashable, Codable {
    /// The directory anchor of the user.
    public var anchor: String
    /// The provider's id of the account (`nil` for a Zoom account still pending).
    public var providerID: String?
    /// The account's email as listed.
    public var email: String

    /// Creates a link.
    /// - Parameters:
    ///   - anchor: the directory anchor.
    ///   - providerID: the provider's id.
    ///   - email: the account's email.
    public init(anchor: String, providerID: String?, email: String) {
        self.anchor = anchor
        self.providerID = providerID
        self.email = email
    }
}
