/// Everything one directory read produced: the users in scope and the groups, with membership resolved.
///
/// A snapshot is only ever built from a complete read. A read that fails part-way throws instead.
public struct DirectorySnapshot: Sendable, Hashable, Encodable {
    /// The users in scope, sorted by anchor.
    public var users: [DirectoryUser]
    /// The groups read, sorted by DN.
    public var groups: [DirectoryGroup]
    /// Things an admin should know that did not stop the read (a group cycle, a user without an anchor).
    public var warnings: [DirectoryWarning]

    public init(users: [DirectoryUser], groups: [DirectoryGroup], warnings: [DirectoryWarning]) {
        self.users = users
        self.groups = groups
        self.warnings = warnings
    }
}
