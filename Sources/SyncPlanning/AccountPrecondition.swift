public import OrganizerSyncCore

/// What an account must still look like when a plan is applied; `apply` refuses an action whose account
/// changed since the plan was made.
///
/// When a plan holds two actions on one account (an update and a reactivate), both carry the account as seen
/// at plan time: `apply` checks the precondition before the first of them, not after each.
public struct AccountPrecondition: Sendable, Hashable, Codable {
    /// Whether an account exists: `false` for a create (no account may hold ``email``).
    public var exists: Bool
    /// The provider's id as seen (`nil` for a create, or a Zoom account still pending).
    public var providerID: String?
    /// The email as seen (for a create, the email that no account may hold yet).
    public var email: String
    /// The status as seen (`nil` for a create).
    public var status: ProviderAccount.Status?
    /// SHA-256 (hex) over the canonical JSON of the whole account as listed (`nil` for a create).
    public var accountDigest: String?

    /// Creates a precondition.
    /// - Parameters:
    ///   - exists: whether the account exists.
    ///   - providerID: the provider's id.
    ///   - email: the email.
    ///   - status: the status.
    ///   - accountDigest: the digest of the account as listed.
    public init(
        exists: Bool,
        providerID: String? = nil,
        email: String,
        status: ProviderAccount.Status? = nil,
        accountDigest: String? = nil
    ) {
        self.exists = exists
        self.providerID = providerID
        self.email = email
        self.status = status
        self.accountDigest = accountDigest
    }

    /// The precondition of an action on `account`: its id, email, status and digest.
    /// - Parameter account: the account as listed.
    /// - Returns: the precondition.
    public static func seen(_ account: ProviderAccount) -> AccountPrecondition {
        AccountPrecondition(
            exists: true,
            providerID: account.id,
            email: account.email,
            status: account.status,
            accountDigest: CanonicalWriter.digest(of: account)
        )
    }

    /// The precondition of a create: no account holds `email`.
    /// - Parameter email: the email of the account to create.
    /// - Returns: the precondition.
    public static func absent(email: String) -> AccountPrecondition {
        AccountPrecondition(exists: false, email: email)
    }

    /// Whether `account` (listed again at apply time) still satisfies this precondition.
    /// - Parameter account: the account found at apply time, or `nil` when none was found.
    /// - Returns: `true` when the action may go ahead.
    public func holds(for account: ProviderAccount?) -> Bool {
        guard exists else { return account == nil }
        guard let account else { return false }
        return account.id == providerID && account.email == email && account.status == status
            && CanonicalWriter.digest(of: account) == accountDigest
    }
}
