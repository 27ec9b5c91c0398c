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
        groups unsortedGroups: [RawGroup]
    ) -> (groups: [DirectoryGroup], warnings: [String]) {
        users.sort { $0.anchor < $1.anchor }
        let groups = unsortedGroups.sorted { $0.dn < $1.dn }
        var userIndexByDN: [String: Int] = [:]
        userIndexByDN.reserveCapacity(users.count)
        // Indexed loops read single fields: `for user in users` would copy (retain) every field.
        for index in users.indices { userIndexByDN[Self.normalizedDN(users[index].dn)] = index }
        var userIndexByUid: [String: Int] = [:]
        if groups.contains(where: { !$0.memberUids.isEmpty }) {
            userIndexByUid.reserveCapacity(users.count)
            for index in users.indices {
                if let uid = users[index].username { userIndexByUid[uid.lowercased()] = index }
            }
        }
        var groupIndexByDN: [String: Int] = [:]
        groupIndexByDN.reserveCapacity(groups.count)
        for index in groups.indices { groupIndexByDN[Self.normalizedDN(groups[index].dn)] = index }

        var directUsers = [[Int]](repeating: [], count: groups.count)
        var children = [[Int]](repeating: [], count: groups.count)
        var unresolved = [Int](repeating: 0, count: groups.count)
        for (index, group) in groups.enumerated() {
            directUsers[index].reserveCapacity(group.memberDNs.count + group.memberUids.count)
            for member in group.memberDNs {
                let key = Self.normalizedDN(member)
                if let user = userIndexByDN[key] {
                    directUsers[index].append(user)
                } else if let child = groupIndexByDN[key] {
                    children[index].append(child)
                } else {
                    unresolved[index] += 1
                }
            }
            for uid in group.memberUids {
                if let user = userIndexByUid[uid.lowercased()] {
                    directUsers[index].append(user)
                } else {
                    unresolved[index] += 1
                }
            }
        }
        let (closure, warnings) = transitiveMembers(groups: groups, directUsers: directUsers, children: children)

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
        for (index, group) in groups.enumerated() {
            let members = closure[index]
            for user in members { userGroups[user].append(group.dn) }
            resolvedGroups.append(
                DirectoryGroup(
                    dn: group.dn,
                    name: group.name,
                    anchor: group.anchor,
                    nestedGroups: children[index].sorted().map { groups[$0].dn },
                    members: members.map { users[$0].anchor },
                    unresolvedMemberCount: unresolved[index]
                )
            )
        }
        for index in users.indices where groupCount[index] > 0 { users[index].groups = userGroups[index] }
        return (resolvedGroups, warnings)
    }

    /// Each group's users (ascending indices), directly or through nested groups, and a warning per
    /// cycle. Member lists are kept as sorted arrays and merged, which is cheaper than hashing every
    /// index into sets.
    private func transitiveMembers(
        groups: [RawGroup],
        directUsers: [[Int]],
        children: [[Int]]
    ) -> (closure: [[Int]], warnings: [String]) {
        var components = StronglyConnectedComponents(edges: children)
        var warnings: [String] = []
        var closure = [[Int]](repeating: [], count: groups.count)
        // Tarjan emits a component only after every component reachable from it, so children's
        // closures are complete when a parent's is computed.
        for component in components.run() {
            var members: [Int] = []
            for group in component {
                members = Self.union(members, directUsers[group].sorted())
                for child in children[group] where !component.contains(child) {
                    members = Self.union(members, closure[child])
                }
            }
            for group in component { closure[group] = members }
            if component.count > 1 || children[component[0]].contains(component[0]) {
                let names = component.map { groups[$0].name }.sorted().joined(separator: ", ")
                warnings.append("groups nest in a cycle (\(names)); each has the members of all of them")
            }
        }
        return (closure, warnings.sorted())
    }

    /// The sorted union, without duplicates, of two ascending arrays (`right` may hold duplicates).
    static func union(_ left: [Int], _ right: [Int]) -> [Int] {
        if right.isEmpty { return left }
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
