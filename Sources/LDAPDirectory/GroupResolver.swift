public import OrganizerSyncCore

/// A group as read from the server, before membership is resolved.
public struct RawGroup: Sendable, Hashable {
    public var dn: String
    public var name: String
    public var anchor: String?
    /// Values of DN-valued member attributes (`member`, `uniqueMember`): users or nested groups.
    public var memberDNs: [String]
    /// Values of login-name member attributes (posixGroup `memberUid`).
    public var memberUids: [String]

    public init(dn: String, name: String, anchor: String?, memberDNs: [String], memberUids: [String]) {
        self.dn = dn
        self.name = name
        self.anchor = anchor
        self.memberDNs = memberDNs
        self.memberUids = memberUids
    }
}

/// Resolves group membership on the client: nested groups are followed transitively, cycles are
/// detected (every group of a cycle then has the members of all of them, and a warning names the
/// cycle), and each user gets the full list of groups it belongs to.
///
/// Pure: no I/O. Member DNs are compared as ``DistinguishedName``s (RFC 4514 equality), so case, spacing and
/// escaping differences between a `member` value and the entry's own DN do not matter.
public struct GroupResolver: Sendable {
    public init() {}

    /// Fills in every user's ``DirectoryUser/groups`` and returns the resolved groups and warnings.
    ///
    /// Users are sorted by anchor and groups by DN first, so member lists and each user's group list
    /// come out sorted without sorting strings per user or per group.
    public func resolve(
        users: inout [DirectoryUser],
        groups: [RawGroup]
    ) -> (groups: [DirectoryGroup], warnings: [DirectoryWarning]) {
        resolve(users: &users, index: GroupIndex(groups: groups))
    }

    /// Fills in every user's ``DirectoryUser/groups`` from an index of the groups built beforehand (while
    /// the users were read), and returns the resolved groups and warnings.
    ///
    /// The index and the leaves are consumed: their member look-up is freed once each user's leaves are
    /// placed, before the per-user group lists are made, which keeps it out of the read's peak memory (the
    /// caller must not hold another copy, or nothing is freed).
    ///
    /// - Parameters:
    ///   - users: the users read; each one's groups are filled in.
    ///   - index: the groups' index.
    ///   - known: each user's ``GroupIndex/leaves(of:)``, in the order of `users`, when the reader looked them
    ///     up while the users streamed in; computed here otherwise.
    /// - Returns: the resolved groups and the directory warnings.
    public func resolve(
        users: inout [DirectoryUser],
        index: consuming GroupIndex,
        leaves known: consuming [GroupIndex.UserLeaves]? = nil
    ) -> (groups: [DirectoryGroup], warnings: [DirectoryWarning]) {
        var leaves = (consume known) ?? []
        // Indexed loops read single fields: `for user in users` would copy (retain) every field.
        var normalizer = DistinguishedName.Normalizer()
        for position in leaves.count..<users.count {
            leaves.append(index.leaves(of: users[position], normalizer: &normalizer))
        }
        // The warning about member values no user has names some of them, so it is made before the member
        // look-up is dropped, and the look-up goes before the users are sorted (the read's peak otherwise).
        var isResolved = [Bool](repeating: false, count: index.leafCount)
        for found in leaves {
            if found.dn >= 0 { isResolved[Int(found.dn)] = true }
            if found.uid >= 0 { isResolved[Int(found.uid)] = true }
        }
        let unresolved = unresolvedMembersWarning(index: index, isResolved: isResolved)
        isResolved = []
        index.dropMemberLookup()
        let order = Self.order(byAnchor: users)
        Self.permute(&users, to: order)
        let groups = index.groups
        // Each leaf's user (its position in sorted order); -1 when no user has it.
        var userOfLeaf = [Int](repeating: -1, count: index.leafCount)
        for (position, original) in order.enumerated() {
            let found = leaves[original]
            if found.dn >= 0 { userOfLeaf[Int(found.dn)] = position }
            if found.uid >= 0 { userOfLeaf[Int(found.uid)] = position }
        }
        leaves = []

        // Each group's users, ascending and without duplicates (a user may be listed by DN and by login).
        var closure = [[Int]](repeating: [], count: groups.count)
        for group in groups.indices {
            var members = index.closure[group].compactMap { userOfLeaf[$0] >= 0 ? userOfLeaf[$0] : nil }
            members.sort()
            closure[group] = GroupIndex.union(members, [])
        }

        // Each user's groups, in group (DN) order, in arrays sized exactly.
        var groupCount = [Int](repeating: 0, count: users.count)
        for members in closure { for user in members { groupCount[user] += 1 } }
        var userGroups = groupCount.map { count -> [String] in
            var names: [String] = []
            names.reserveCapacity(count)
            return names
        }
        var resolvedGroups: [DirectoryGroup] = []
        resolvedGroups.reserveCapacity(groups.count)
        for (position, group) in groups.enumerated() {
            let members = closure[position]
            for user in members { userGroups[user].append(group.dn) }
            resolvedGroups.append(
                DirectoryGroup(
                    dn: group.dn,
                    name: group.name,
                    anchor: group.anchor,
                    nestedGroups: index.children[position].sorted().map { groups[$0].dn },
                    members: members.map { users[$0].anchor },
                    unresolvedMemberCount: index.directLeaves[position].count { userOfLeaf[$0] < 0 }
                )
            )
        }
        for position in users.indices where groupCount[position] > 0 { users[position].groups = userGroups[position] }
        return (resolvedGroups, index.warnings + unresolved)
    }

    /// The positions of `users` in ascending anchor order.
    static func order(byAnchor users: [DirectoryUser]) -> [Int] {
        let anchors = users.map(\.anchor)
        return users.indices.sorted { anchors[$0] < anchors[$1] }
    }

    /// Puts `elements[order[i]]` at position `i`, in place: a sorted copy of every user would raise the read's
    /// peak memory by the whole array.
    ///
    /// Each cycle of the permutation is walked with swaps, which move the elements
    /// instead of copying them (a copy of a user retains and releases each of its strings).
    static func permute<Element>(_ elements: inout [Element], to order: [Int]) {
        var done = [Bool](repeating: false, count: elements.count)
        for start in elements.indices where !done[start] {
            // After each swap, `position` holds its final element and `source` holds the cycle's first one.
            var position = start
            while true {
                done[position] = true
                let source = order[position]
                if source == start { break }
                elements.swapAt(position, source)
                position = source
            }
        }
    }

    /// One warning for every member value that matched neither a user read nor a group read (a user outside
    /// the users' base or filter, a deleted entry, a typo), with the count and up to five of them.
    func unresolvedMembersWarning(index: GroupIndex, isResolved: [Bool]) -> [DirectoryWarning] {
        var values = 0
        var groupsWithAny = 0
        var examples: [String] = []
        var seen = Set<Int>()
        for leaves in index.directLeaves {
            var any = false
            for leaf in leaves where !isResolved[leaf] {
                values += 1
                any = true
                if examples.count < 5, seen.insert(leaf).inserted { examples.append(index.leafText(leaf)) }
            }
            if any { groupsWithAny += 1 }
        }
        guard values > 0 else { return [] }
        return [.unresolvedMembers(count: values, groups: groupsWithAny, examples: examples)]
    }
}
