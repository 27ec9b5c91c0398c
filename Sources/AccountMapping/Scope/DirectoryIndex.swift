public import OrganizerSyncCore

/// The groups of a directory snapshot, indexed for ``GroupReference`` look-ups.
public struct DirectoryIndex: Sendable {
    /// Normalized DNs by lower-cased group name (several groups may share a `cn`).
    let dnsByName: [String: Set<String>]
    /// Every known group DN, normalized.
    let knownDNs: Set<String>
    /// Each group's DN as read, and its normalized form: users' group lists hold these DNs, so they are
    /// normalized once per group rather than once per user.
    let normalizedDNs: [String: String]

    /// Indexes a snapshot's groups.
    public init(groups: [DirectoryGroup]) {
        var byName: [String: Set<String>] = [:]
        var known = Set<String>()
        var normalized: [String: String] = [:]
        for group in groups {
            let dn = GroupReference.normalizedDN(group.dn)
            normalized[group.dn] = dn
            byName[group.name.lowercased(), default: []].insert(dn)
            known.insert(dn)
        }
        dnsByName = byName
        knownDNs = known
        normalizedDNs = normalized
    }

    /// Whether the directory holds the group a reference names.
    public func contains(_ reference: GroupReference) -> Bool {
        reference.isDistinguishedName ? knownDNs.contains(reference.key) : dnsByName[reference.key] != nil
    }

    /// Whether a user whose normalized group DNs are `userGroups` is in the referenced group
    /// (directly or through nested groups: the snapshot's `groups` are already transitive).
    func isMember(_ userGroups: Set<String>, of reference: GroupReference) -> Bool {
        if reference.isDistinguishedName { return userGroups.contains(reference.key) }
        guard let dns = dnsByName[reference.key] else { return false }
        return !userGroups.isDisjoint(with: dns)
    }
}

/// One user being mapped, with what every rule needs precomputed.
struct MappingSubject: Sendable {
    var user: DirectoryUser
    /// The user's group DNs, normalized.
    var groups: Set<String>
    var index: DirectoryIndex

    /// - Parameters:
    ///   - user: the user.
    ///   - index: the snapshot's groups.
    ///   - resolvesGroups: `false` when the mapping names no group (``TargetMapping/referencedGroups`` is
    ///     empty): nothing asks for membership then, so the user's group DNs are not normalized.
    init(_ user: DirectoryUser, index: DirectoryIndex, resolvesGroups: Bool = true) {
        self.user = user
        groups =
            resolvesGroups ? Set(user.groups.map { index.normalizedDNs[$0] ?? GroupReference.normalizedDN($0) }) : []
        self.index = index
    }

    func isMember(of reference: GroupReference) -> Bool { index.isMember(groups, of: reference) }
}
