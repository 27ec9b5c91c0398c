import OrganizerSyncCore

/// The groups of a directory read, indexed before the users are known: member values normalized and numbered,
/// nested groups found, and each group's transitive members computed as member numbers.
///
/// Built on the groups' reading thread while the users are still streaming in, so that what is left once the
/// users arrive (``GroupResolver/resolve(users:index:)``) is a look-up per user and a mapping per group.
public struct GroupIndex: Sendable {
    /// The groups, sorted by DN, without their member values (see ``directLeaves`` and ``children``).
    let groups: [RawGroup]
    /// Every member value that is not a group, numbered: DNs by their ``DistinguishedName`` key, and
    /// `memberUid` values as ``uidKey(_:)``; each with its value as the server sent it first (`memberUid` values
    /// as `memberUid: login`), for warnings that name unresolved members.
    ///
    /// Emptied by ``dropMemberLookup()`` once every user's leaves are known.
    private(set) var leafKeys: MemberKeyTable
    /// How many leaves there are (kept when the look-up is dropped).
    let leafCount: Int
    /// Per group, the numbers of its direct non-group members, one per member value (duplicates kept, so
    /// that unresolved values are counted as the server lists them).
    let directLeaves: [[Int]]
    /// Per group, the indices of the groups it nests directly.
    let children: [[Int]]
    /// Per group, the numbers of its members directly or through nested groups, ascending, without duplicates.
    let closure: [[Int]]
    /// A warning per cycle of nested groups.
    let warnings: [DirectoryWarning]
    /// Whether any group lists `memberUid` values (posixGroup), which are matched by login name.
    let hasUidMembers: Bool

    /// Indexes `groups`.
    ///
    /// A member value that names a group is a nested group; every other value is a leaf,
    /// resolved to a user (or counted as unresolved) once the users are read.
    public init(groups unsorted: [RawGroup]) {
        let groups = unsorted.sorted { $0.dn < $1.dn }
        var normalizer = DistinguishedName.Normalizer()
        var groupKeys = MemberKeyTable(capacity: groups.count)
        // A group's number is its index: each DN is inserted in order (a duplicate DN keeps its first group).
        var groupOfNumber: [Int] = []
        for index in groups.indices {
            let number = groupKeys.insert(normalizer.key(groups[index].dn), text: "")
            if number == groupOfNumber.count { groupOfNumber.append(index) }
        }
        var leafKeys = MemberKeyTable()
        var directLeaves = [[Int]](repeating: [], count: groups.count)
        var children = [[Int]](repeating: [], count: groups.count)
        for (index, group) in groups.enumerated() {
            directLeaves[index].reserveCapacity(group.memberDNs.count + group.memberUids.count)
            for member in group.memberDNs {
                var key = normalizer.key(member)
                key.withUTF8 { key in
                    let hash = MemberKeyTable.hash(key)
                    if let child = groupKeys.number(of: key, hash: hash) {
                        children[index].append(groupOfNumber[child])
                    } else {
                        directLeaves[index].append(leafKeys.insert(key, hash: hash, text: member))
                    }
                }
            }
            for uid in group.memberUids {
                directLeaves[index].append(leafKeys.insert(Self.uidKey(uid), text: "memberUid: " + uid))
            }
        }
        // The member values are all in the leaves and children now: the groups keep only what the resolved
        // groups need, and the values the leaves do not share are freed.
        self.groups = groups.map {
            RawGroup(dn: $0.dn, name: $0.name, anchor: $0.anchor, memberDNs: [], memberUids: [])
        }
        self.leafKeys = leafKeys
        self.leafCount = leafKeys.count
        self.directLeaves = directLeaves
        self.children = children
        self.hasUidMembers = groups.contains { !$0.memberUids.isEmpty }
        (closure, warnings) = Self.transitiveMembers(groups: groups, directLeaves: directLeaves, children: children)
    }

    /// Where a user appears among the groups' member values: the numbers of its DN and of its login
    /// (for `memberUid`), -1 where it does not.
    public struct UserLeaves: Sendable, Hashable {
        /// 32-bit (8 bytes a user, not 16): no read holds 2^31 member values.
        var dn: Int32
        var uid: Int32
    }

    /// The member numbers `user` is listed under; `normalizer` is the calling thread's.
    func leaves(of user: DirectoryUser, normalizer: inout DistinguishedName.Normalizer) -> UserLeaves {
        let dn = leaf(normalizer.key(user.dn))
        guard hasUidMembers, let uid = user.username else { return UserLeaves(dn: dn, uid: -1) }
        return UserLeaves(dn: dn, uid: leaf(Self.uidKey(uid)))
    }

    /// The number of the leaf whose key is `key`, or -1.
    private func leaf(_ key: String) -> Int32 {
        Int32(leafKeys.number(of: key) ?? -1)
    }

    /// The member value of leaf `number` as the server sent it first; only before ``dropMemberLookup()``.
    func leafText(_ number: Int) -> String {
        leafKeys.text(of: number)
    }

    /// Frees the member values and their look-up (at 100,000 users a table of 100,000 normalized DNs, about
    /// 10 MB) once every user's leaves are known, so that the resolver's per-user group lists reuse that
    /// memory instead of raising the read's peak.
    mutating func dropMemberLookup() {
        leafKeys = MemberKeyTable()
    }

    /// The leaf key of a `memberUid` value: a prefix no normalized DN starts with, and the login lower-cased.
    static func uidKey(_ uid: String) -> String { "\u{0}uid:" + uid.lowercased() }

    /// Each group's leaves (ascending), directly or through nested groups, and a warning per cycle.
    ///
    /// Member
    /// lists are kept as sorted arrays and merged, which is cheaper than hashing every number into sets.
    private static func transitiveMembers(
        groups: [RawGroup],
        directLeaves: [[Int]],
        children: [[Int]]
    ) -> (closure: [[Int]], warnings: [DirectoryWarning]) {
        var components = StronglyConnectedComponents(edges: children)
        var warnings: [DirectoryWarning] = []
        var closure = [[Int]](repeating: [], count: groups.count)
        // Tarjan emits a component only after every component reachable from it, so children's
        // closures are complete when a parent's is computed.
        for component in components.run() {
            var members: [Int] = []
            for group in component {
                members = union(members, directLeaves[group].sorted())
                for child in children[group] where !component.contains(child) {
                    members = union(members, closure[child])
                }
            }
            for group in component { closure[group] = members }
            if component.count > 1 || children[component[0]].contains(component[0]) {
                warnings.append(.groupCycle(groups: component.map { groups[$0].name }.sorted()))
            }
        }
        return (closure, warnings.sorted { $0.text < $1.text })
    }

    /// The sorted union, without duplicates, of two ascending arrays (either may hold duplicates).
    static func union(_ left: [Int], _ right: [Int]) -> [Int] {
        if right.isEmpty && left.isEmpty { return [] }
        var result: [Int] = []
        result.reserveCapacity(left.count + right.count)
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            let next: Int
            if j == right.count || (i < left.count && left[i] <= right[j]) {
                next = left[i]
                i += 1
            } else {
                next = right[j]
                j += 1
            }
            if result.last != next { result.append(next) }
        }
        return result
    }
}
