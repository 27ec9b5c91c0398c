/// Directory users and accounts that could not be matched one to one; none of them is touched.
public struct PlanConflict: Sendable, Hashable, Codable {
    /// Why the match is ambiguous.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
        /// Two or more directory users map to one account (by anchor or email).
        case sharedAccount
        /// One email is used by two or more directory users in scope.
        case duplicateEmail
        /// One directory user matches an account by anchor and another by email, or several accounts hold
        /// its email.
        case severalAccounts
        /// Several directory users and several accounts are linked together.
        case tangled
        /// The same anchor appears twice among the desired accounts.
        case duplicateAnchor

        public var description: String { rawValue }
    }

    /// Why the match is ambiguous.
    public var kind: Kind
    /// The directory anchors involved, sorted.
    public var anchors: [String]
    /// The emails involved (of directory users and of accounts), normalized and sorted.
    public var emails: [String]
    /// The provider ids of the accounts involved, sorted (pending Zoom accounts have none).
    public var providerIDs: [String]
    /// The directory users involved, with DN and login, in anchor order; set by the planning run from the
    /// directory read (absent in plans made before it was recorded).
    public var users: [PlanUser]?

    /// Creates a conflict report.
    /// - Parameters:
    ///   - kind: why the match is ambiguous.
    ///   - anchors: the anchors involved.
    ///   - emails: the emails involved.
    ///   - providerIDs: the provider ids involved.
    public init(kind: Kind, anchors: [String], emails: [String], providerIDs: [String]) {
        self.kind = kind
        self.anchors = anchors
        self.emails = emails
        self.providerIDs = providerIDs
    }
}
