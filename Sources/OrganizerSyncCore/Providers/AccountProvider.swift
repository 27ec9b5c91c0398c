/// One provider target's organizer accounts: what the planner reads and the applier changes.
///
/// Implementations handle authentication, pagination, rate limits and retries themselves, and never create
/// an account twice: a create whose answer was lost is looked up by email before it is tried again. Every
/// failure is thrown as a ``ProviderError``.
public protocol AccountProvider: Sendable {
    /// The provider behind this target.
    var kind: ProviderKind { get }
    /// The target's name in the configuration.
    var targetName: String { get }

    /// Lists every account, across all pages and in every state (active, suspended, pending).
    func listAccounts() async throws -> [ProviderAccount]

    /// Looks an account up by email (case-insensitively); `nil` when there is none.
    func account(email: String) async throws -> ProviderAccount?

    /// Creates an account, or returns the existing one if the provider already has that email.
    /// - Returns: the account as created.
    func create(_ fields: AccountFields) async throws -> ProviderAccount

    /// Changes the mapped fields of an account; fields that are `nil` are left as they are.
    /// - Returns: the account after the change.
    func update(_ account: ProviderAccount, with fields: AccountFields) async throws -> ProviderAccount

    /// Stops an account from hosting without deleting it.
    /// - Returns: the account after the change. For GoTo, its `fields` hold the licences removed
    ///   (`goto.suspendedLicenseKeys`) so that a later ``reactivate(_:)`` can give them back.
    func suspend(_ account: ProviderAccount) async throws -> ProviderAccount

    /// Lets a suspended account host again.
    /// - Returns: the account after the change.
    func reactivate(_ account: ProviderAccount) async throws -> ProviderAccount

    /// Deletes an account (for Zoom: permanently, not a disassociation).
    func delete(_ account: ProviderAccount) async throws
}
