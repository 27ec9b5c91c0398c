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
/// Pure: no I/O. Member DNs are compared after ``normalizedDN(_:)``, so case and spacing differences
/// between a `member` value and the entry's own DN do not matter.
public struct GroupResolver: Sendable {
    public init() {}

    /// Fills in every user's ``DirectoryUser/groups`` and returns the resolved groups and warnings.
    ///
    /// Users are sorted by anchor and groups by DN first, so member lists and each user's group list
    /// come out sorted without sorting strings per user or per group.
    public func resolve(
        users: inout [DirectoryUser],
        groups: [RawGroup]
    ) -> (groups: [DirectoryGroup], warnings: [String]) {
        resolve(users: &users, index: GroupIndex(groups: groups))
    }

    /// Fills in every user's ``DirectoryUser/groups`` from an index of the groups built beforehand (while
    /// the users were read), and returns the resolved groups and warnings.
    ///
    /// - Parameter leaves: each user's ``GroupIndex/leaves(of:)``, in the order of `users`, when the reader
    ///   looked them up while the users streamed in; computed here otherwise.
    public func resolve(
        users: inout [DirectoryUser],
        index: GroupIndex,
        leaves known: [GroupIndex.UserLeaves]? = nil
    ) -> (groups: [DirectoryGroup], warnings: [String]) {
        var leaves = known ?? []
        // Indexed loops read single fields: `for user in users` would copy (retain) every field.
        for position in leaves.count..<users.count { leaves.append(index.leaves(of: users[position])) }
        let anchors = users.map(\.anchor)
        let order = users.indices.sorted { anchors[$0] < anchors[$1] }
        users = order.map { users[$0] }
        let groups = index.groups
        // Each leaf's user (its position in sorted order); -1 when no user has it.
        var userOfLeaf = [Int](repeating: -1, count: index.leafNumbers.count)
        for (position, original) in order.enumerated() {
            let found = leaves[original]
            if found.dn >= 0 { userOfLeaf[found.dn] = position }
            if found.uid >= 0 { userOfLeaf[found.uid] = position }
        }

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
        return (resolvedGroups, index.warnings)
    }

    /// A DN in a form fit for comparison: lower-cased, without spaces around unescaped `,`, `+` and
    /// `=` (so `CN=Alice , OU=People` equals `cn=alice,ou=people`). Escaped characters (`\,`) and
    /// the spaces after them are kept. Runs over UTF-8 bytes: it is called for every user DN and
    /// every member value, so a DN already in normal form is returned without copying.
    public static func normalizedDN(_ dn: String) -> String {
        let isNormal = dn.utf8.allSatisfy { $0 != UInt8(ascii: " ") && !(65...90).contains($0) && $0 < 0x80 }
        if isNormal { return dn }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(dn.utf8.count)
        var isEscaped = false
        var afterSeparator = true
        var pendingSpaces = 0
        var hasNonASCII = false
        for byte in dn.utf8 {
            if isEscaped {
                bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: pendingSpaces))
                pendingSpaces = 0
                bytes.append(lowercasedASCII(byte))
                isEscaped = false
                afterSeparator = false
                continue
            }
            switch byte {
            case UInt8(ascii: " "):
                pendingSpaces += 1
            case UInt8(ascii: ","), UInt8(ascii: "+"), UInt8(ascii: "="):
                pendingSpaces = 0
                bytes.append(byte)
                afterSeparator = true
            default:
                if !afterSeparator { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: pendingSpaces)) }
                pendingSpaces = 0
                bytes.append(lowercasedASCII(byte))
                hasNonASCII = hasNonASCII || byte >= 0x80
                isEscaped = byte == UInt8(ascii: "\\")
                afterSeparator = false
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return hasNonASCII ? text.lowercased() : text
    }

    private static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        (65...90).contains(byte) ? byte + 32 : byte
    }
}
