import OrganizerSyncCore

extension Planner {
    /// Directory anchors and accounts linked by the state store or by a shared email.
    ///
    /// A component with at most one anchor and one account is a clean match (or a create, or a leaver, or
    /// an unmanaged account when it has no anchor); anything larger is a conflict. Its members are ranges of
    /// the flat lists in ``Links`` (three small arrays per component cost 300,000 allocations per plan).
    struct Component {
        /// The anchors, as a range of ``Links/anchors``; sorted when there are several.
        var anchors: Range<Int>
        /// The desired users of those anchors, as a range of ``Links/users``.
        var users: Range<Int>
        /// The accounts, as a range of ``Links/accounts``.
        var accounts: Range<Int>
    }

    /// The components, in order of first appearance, and the flat lists their ranges index.
    struct Links {
        var components: [Component]
        /// Anchors, grouped by component.
        var anchors: [String]
        /// Indices into `desired`, grouped by component, in input order within each.
        var users: [Int]
        /// Indices into `accounts`, grouped by component, in input order within each.
        var accounts: [Int]
    }

    /// Links anchors (desired and recorded), accounts and normalized emails, and returns the components.
    ///
    /// Edges: a desired user to its email; an account to its email; a recorded anchor to its account, found
    /// by the recorded provider id, else by the recorded email. Each anchor and email is hashed once.
    static func link(
        desired: [DesiredAccount],
        accounts: [ProviderAccount],
        state: SyncState
    )
        -> Links
    {
        // Sized for the usual case, where the records and the accounts match the users (a second hash table
        // for the sum would double these two, 48 MB each at a million); a table that fills up grows once.
        var anchorNodes: [String: Int] = [:]
        anchorNodes.reserveCapacity(max(desired.count, state.accounts.count))
        var anchorNames: [String] = []
        anchorNames.reserveCapacity(desired.count + state.accounts.count)
        func anchorNode(_ anchor: String) -> Int {
            if let node = anchorNodes[anchor] { return node }
            anchorNames.append(anchor)
            anchorNodes[anchor] = anchorNames.count - 1
            return anchorNames.count - 1
        }
        // Loops read the one field they need by index: iterating copies whole values, retaining every field.
        var userNodes: [Int] = []
        userNodes.reserveCapacity(desired.count)
        for index in desired.indices { userNodes.append(anchorNode(desired[index].anchor)) }
        let recordNodes = state.accounts.map { anchorNode($0.anchor) }

        let accountBase = anchorNames.count
        let emailBase = accountBase + accounts.count
        var emailNodes: [String: Int] = [:]
        emailNodes.reserveCapacity(max(desired.count, accounts.count))
        var sets = DisjointSets(count: emailBase, capacity: emailBase + desired.count + accounts.count)
        func emailNode(normalized key: String) -> Int {
            if let node = emailNodes[key] { return node }
            let node = sets.add()
            emailNodes[key] = node
            return node
        }

        var accountEmails: [String] = []
        accountEmails.reserveCapacity(accounts.count)
        for index in accounts.indices {
            accountEmails.append(EmailPattern.normalize(accounts[index].email))
            sets.union(accountBase + index, emailNode(normalized: accountEmails[index]))
        }
        for index in desired.indices {
            sets.union(userNodes[index], emailNode(normalized: EmailPattern.normalize(desired[index].fields.email)))
        }
        if !state.accounts.isEmpty {
            var accountsByID: [String: Int] = [:]
            var accountsByEmail: [String: [Int]] = [:]
            for index in accounts.indices {
                if let id = accounts[index].id, accountsByID[id] == nil { accountsByID[id] = index }
                accountsByEmail[accountEmails[index], default: []].append(index)
            }
            for (position, record) in state.accounts.enumerated() {
                let node = recordNodes[position]
                if let id = record.providerID, let index = accountsByID[id] {
                    sets.union(node, accountBase + index)
                } else {
                    for index in accountsByEmail[EmailPattern.normalize(record.email)] ?? [] {
                        sets.union(node, accountBase + index)
                    }
                }
            }
        }

        // Components in order of first appearance (desired users, then records, then accounts): no sort needed.
        // Each node gets its component's number, then the members are counted and placed (a counting sort).
        var slots = [Int](repeating: -1, count: sets.count)
        var componentCount = 0
        func slot(of node: Int) -> Int {
            let root = sets.find(node)
            if slots[root] < 0 {
                slots[root] = componentCount
                componentCount += 1
            }
            return slots[root]
        }
        let anchorSlots = anchorNames.indices.map { slot(of: $0) }
        let accountSlots = accounts.indices.map { slot(of: accountBase + $0) }
        func place<Member>(
            _ slotsOfMembers: [Int],
            _ member: (Int) -> Member,
            filler: Member
        ) -> (members: [Member], starts: [Int]) {
            var starts = [Int](repeating: 0, count: componentCount + 1)
            for slot in slotsOfMembers { starts[slot + 1] += 1 }
            for index in 0..<componentCount { starts[index + 1] += starts[index] }
            var next = starts
            var members = [Member](repeating: filler, count: slotsOfMembers.count)
            for (index, slot) in slotsOfMembers.enumerated() {
                members[next[slot]] = member(index)
                next[slot] += 1
            }
            return (members, starts)
        }
        var anchors = place(anchorSlots, { anchorNames[$0] }, filler: "")
        let users = place(userNodes.map { anchorSlots[$0] }, { $0 }, filler: 0)
        let accountMembers = place(accountSlots, { $0 }, filler: 0)
        var components: [Component] = []
        components.reserveCapacity(componentCount)
        for index in 0..<componentCount {
            let component = Component(
                anchors: anchors.starts[index]..<anchors.starts[index + 1],
                users: users.starts[index]..<users.starts[index + 1],
                accounts: accountMembers.starts[index]..<accountMembers.starts[index + 1]
            )
            if component.anchors.count > 1 { anchors.members[component.anchors].sort() }
            components.append(component)
        }
        return Links(
            components: components,
            anchors: anchors.members,
            users: users.members,
            accounts: accountMembers.members
        )
    }
}

/// Union-find over integer nodes, with path halving and union by size.
struct DisjointSets {
    private var parent: [Int]
    private var size: [Int]

    init(count: Int, capacity: Int = 0) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
        parent.reserveCapacity(capacity)
        size.reserveCapacity(capacity)
    }

    /// The number of nodes.
    var count: Int { parent.count }

    mutating func add() -> Int {
        parent.append(parent.count)
        size.append(1)
        return parent.count - 1
    }

    mutating func find(_ node: Int) -> Int {
        var node = node
        while parent[node] != node {
            parent[node] = parent[parent[node]]
            node = parent[node]
        }
        return node
    }

    mutating func union(_ a: Int, _ b: Int) {
        var rootA = find(a)
        var rootB = find(b)
        guard rootA != rootB else { return }
        if size[rootA] < size[rootB] { swap(&rootA, &rootB) }
        parent[rootB] = rootA
        size[rootA] += size[rootB]
    }
}
