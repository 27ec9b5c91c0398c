/// What organizer-sync remembers about one target between runs (kept in the state store, an
/// SQLite database, by a later part; the planner only reads this value).
public struct SyncState: Sendable, Hashable, Codable {
    /// One account organizer-sync manages.
    public struct ManagedAccount: Sendable, Hashable, Codable {
        /// The directory anchor of the user the account belongs to.
        public var anchor: String
        /// The provider's id of the account (`nil` for a Zoom user still pending).
        public var providerID: String?
        /// The account's email when organizer-sync last saw or set it.
        public var email: String
        /// When organizer-sync suspended the account, for the grace period before a delete.
        public var suspendedAt: Double?
        /// The licence keys a suspend took away (GoTo suspends by removing every licence), given back by a
        /// reactivate; empty otherwise.
        public var suspendedLicences: [String]

        public init(
            anchor: String,
            providerID: String?,
            email: String,
            suspendedAt: Double? = nil,
            suspendedLicences: [String] = []
        ) {
            self.anchor = anchor
            self.providerID = providerID
            self.email = email
            self.suspendedAt = suspendedAt
            self.suspendedLicences = suspendedLicences
        }
    }

    /// The accounts organizer-sync created or adopted, by directory anchor.
    public var accounts: [ManagedAccount]
    /// How many directory users were in scope at the last successful run (for the shrink guard).
    public var lastInScopeCount: Int?

    public init(accounts: [ManagedAccount] = [], lastInScopeCount: Int? = nil) {
        self.accounts = accounts
        self.lastInScopeCount = lastInScopeCount
    }
}
