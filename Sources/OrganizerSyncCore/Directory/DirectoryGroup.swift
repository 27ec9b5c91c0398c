/// A group read from the directory, with its direct and resolved membership.
public struct DirectoryGroup: Sendable, Hashable, Codable {
    /// The group's distinguished name.
    public var dn: String
    /// The group's common name (or the RDN value when it has no `cn`).
    public var name: String
    /// The group's immutable identifier, when the server exposes one.
    public var anchor: String?
    /// DNs of the groups this group contains directly.
    public var nestedGroups: [String]
    /// Anchors of the users that are members, directly or through nested groups, sorted.
    public var members: [String]
    /// Member values that matched neither a user in scope nor a known group (out-of-scope users,
    /// dangling DNs, unknown `memberUid`s).
    ///
    /// Counted, so an admin can see what a group refers to.
    public var unresolvedMemberCount: Int

    public init(
        dn: String,
        name: String,
        anchor: String?,
        nestedGroups: [String],
        members: [String],
        unresolvedMemberCount: Int
    ) {
        self.dn = dn
        self.name = name
        self.anchor = anchor
        self.nestedGroups = nestedGroups
        self.members = members
        self.unresolvedMemberCount = unresolvedMemberCount
    }
}
