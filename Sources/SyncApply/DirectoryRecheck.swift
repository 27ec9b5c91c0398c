/// A fresh, narrow look at the directory at apply time: the users a plan names by anchor, read again and mapped with
/// the target's mapping, so that `apply` creates, reactivates or links nothing the directory no longer vouches for.
public protocol DirectoryRecheck: Sendable {
    /// Reads the users with these anchors (and nobody else) and tells, for each one found, what the directory says now.
    /// - Parameter anchors: the plan's anchors for the target.
    /// - Returns: each anchor found, with its standing; anchors not found are absent.
    /// - Throws: directory errors; apply then changes nothing.
    func standing(of anchors: [String]) async throws -> [String: DirectoryStanding]
}

/// What the directory says of one user now, for one target.
public struct DirectoryStanding: Sendable, Hashable {
    /// The user's email in the directory (the schema's email attribute).
    public var directoryEmail: String?
    /// The email the target's mapping gives the user, when the user is in the target's scope.
    public var mappedEmail: String?
    /// Whether the user is enabled in the directory.
    public var isEnabled: Bool
    /// Whether the target's mapping puts the user in scope.
    public var isInScope: Bool

    /// Creates a standing.
    public init(directoryEmail: String?, mappedEmail: String?, isEnabled: Bool, isInScope: Bool) {
        self.directoryEmail = directoryEmail
        self.mappedEmail = mappedEmail
        self.isEnabled = isEnabled
        self.isInScope = isInScope
    }
}
