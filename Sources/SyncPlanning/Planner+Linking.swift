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
    ///
    /// Positions are 32-bit and a component is kept as where its members start in each list, not as three
    /// ranges (12 bytes per component instead of 48, and half the bytes per member: a million users and as
    /// many accounts make about a million components and three million nodes).
    struct Links {
        /// Every anchor (desired and recorded), indexed by the anchor positions in ``anchors``.
        var anchorNames: [String]
        /// Positions in ``anchorNames``, grouped by component.
        var anchors: [Int32]
        /// Indices into `desired`, grouped by component, in input order within each.
        var users: [Int32]
        /// Indices into `accounts`, grouped by component, in input order within each.
        var accounts: [Int32]
        /// Where each component's members start in the three lists, and one past the last component.
        var starts: [Starts]

        /// Where one component's members start in each list.
        struct Starts {
            var anchors: Int32
            var users: Int32
            var accounts: Int32
        }

        /// The number of components.
        var count: Int { starts.count - 1 }

        /// The component at `index` (`0..<count`).
        func component(_ index: Int) -> Component {
            let (start, end) = (starts[index], starts[index + 1])
            return Component(
                anchors: Int(start.anchors)..<Int(end.anchors),
                users: Int(start.users)..<Int(end.users),
                accounts: Int(start.accounts)..<Int(end.accounts)
            )
        }

        /// The anchor at a position of ``anchors``.
        func anchor(at slot: Int) -> String { anchorNames[Int(anchors[slot])] }
    }

    /// Links anchors (desired and recorded), accounts and normalized emails, and returns the components.
    ///
    /// Edges: a desired user to its email; an account to its email; a recorded anchor to its account, found
    /// by the recorded provider id, else by the recorded email. Each anchor and email is hashed once, and the
    /// hash tables are released before the components are counted and placed.
    static func link(
        desired: [DesiredAccount],
        accounts: [ProviderAccount],
        state: SyncState
    )
        -> Links
    {
        var (sets, anchorNames, userNodes) = union(desired: desired, accounts: accounts, state: state)
        let accountBase = anchorNames.count

        // Components in order of first appearance (desired users, then records, then accounts): no sort needed.
        // Each node's root gets its component's number, then the members are counted and placed (a counting
        // sort).
        var slots = [Int32](repeating: -1, count: sets.count)
        var componentCount: Int32 = 0
        func slot(of node: Int) -> Int32 {
            let root = sets.find(node)
            if slots[root] < 0 {
                slots[root] = componentCount
                componentCount += 1
            }
            return slots[root]
        }
        let anchorSlots = anchorNames.indices.map { slot(of: $0) }
        let accountSlots = accounts.indices.map { slot(of: accountBase + $0) }
        slots = []
        sets = DisjointSets(count: 0)
        let count = Int(componentCount)
        var anchors = place(count: count, members: anchorNames.count) { anchorSlots[$0] }
        let users = place(count: count, members: userNodes.count) { anchorSlots[Int(userNodes[$0])] }
        userNodes = []
        let accountMembers = place(count: count, members: accounts.count) { accountSlots[$0] }
        var starts: [Links.Starts] = []
        starts.reserveCapacity(count + 1)
        for index in 0...count {
            starts.append(
                Links.Starts(
                    anchors: anchors.starts[index],
                    users: users.starts[index],
                    accounts: accountMembers.starts[index]
                )
            )
            guard index < count else { break }
            let range = Int(anchors.starts[index])..<Int(anchors.starts[index + 1])
            if range.count > 1 { anchors.members[range].sort { anchorNames[Int($0)] < anchorNames[Int($1)] } }
        }
        return Links(
            anchorNames: anchorNames,
            anchors: anchors.members,
            users: users.members,
            accounts: accountMembers.members,
            starts: starts
        )
    }

    /// The union-find over anchors (desired, then recorded), accounts and normalized emails with every edge
    /// joined, the anchors by node, and each desired user's anchor node.
    ///
    /// The two hash tables (anchor to node, email to node) are local, so they are gone before the components
    /// are placed.
    private static func union(
        desired: [DesiredAccount],
        accounts: [ProviderAccount],
        state: SyncState
    ) -> (sets: DisjointSets, anchorNames: [String], userNodes: [Int32]) {
        precondition(
            2 * (desired.count + state.accounts.count + accounts.count) < Int(Int32.max),
            "more users and accounts than a plan can link"
        )
        // Sized for the usual case, where the records and the accounts match the users; a table that fills up
        // grows once. Each anchor and email is hashed once.
        var anchorNodes = PositionTable(capacity: max(desired.count, state.accounts.count))
        var anchorNames: [String] = []
        anchorNames.reserveCapacity(desired.count + state.accounts.count)
        func anchorNode(_ anchor: String) -> Int {
            let hash = anchor.hashValue
            if let node = anchorNodes.position(of: anchor, hash: hash, in: anchorNames) { return node }
            anchorNames.append(anchor)
            anchorNodes.insert(anchorNames.count - 1, hash: hash, list: anchorNames)
            return anchorNames.count - 1
        }
        // Loops read the one field they need by index: iterating copies whole values, retaining every field.
        var userNodes: [Int32] = []
        userNodes.reserveCapacity(desired.count)
        for index in desired.indices { userNodes.append(Int32(anchorNode(desired[index].anchor))) }
        let recordNodes = state.accounts.map { anchorNode($0.anchor) }

        let accountBase = anchorNames.count
        let emailBase = accountBase + accounts.count
        // Sized for every email distinct: users without an account and accounts without a user are 10% each in
        // a usual mix, so a table for the larger side alone grows, and growing copies the list and the table.
        var emailNodes = PositionTable(capacity: desired.count + accounts.count)
        var emails: [String] = []
        emails.reserveCapacity(desired.count + accounts.count)
        var sets = DisjointSets(count: emailBase, capacity: emailBase + desired.count + accounts.count)
        func emailNode(normalized key: String) -> Int {
            let hash = key.hashValue
            if let position = emailNodes.position(of: key, hash: hash, in: emails) { return emailBase + position }
            emails.append(key)
            emailNodes.insert(emails.count - 1, hash: hash, list: emails)
            let node = sets.add()
            assert(node == emailBase + emails.count - 1)
            return node
        }

        for index in accounts.indices {
            sets.union(accountBase + index, emailNode(normalized: EmailPattern.normalize(accounts[index].email)))
        }
        for index in desired.indices {
            sets.union(
                Int(userNodes[index]),
                emailNode(normalized: EmailPattern.normalize(desired[index].fields.email))
            )
        }
        if !state.accounts.isEmpty {
            var accountsByID: [String: Int] = [:]
            var accountsByEmail: [String: [Int]] = [:]
            for index in accounts.indices {
                if let id = accounts[index].id, accountsByID[id] == nil { accountsByID[id] = index }
                accountsByEmail[EmailPattern.normalize(accounts[index].email), default: []].append(index)
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
        return (sets, anchorNames, userNodes)
    }

    /// A counting sort of `members` members into `count` components: the members grouped by component, in
    /// member order within each, and where each component starts (one more than `count`).
    private static func place(
        count: Int,
        members: Int,
        slot: (Int) -> Int32
    ) -> (members: [Int32], starts: [Int32]) {
        var starts = [Int32](repeating: 0, count: count + 1)
        for member in 0..<members { starts[Int(slot(member)) + 1] += 1 }
        for index in 0..<count { starts[index + 1] += starts[index] }
        var placed = [Int32](repeating: 0, count: members)
        // `next` counts each component's members placed so far, so `starts` needs no copy.
        var next = [Int32](repeating: 0, count: count)
        for member in 0..<members {
            let component = Int(slot(member))
            placed[Int(starts[component] + next[component])] = Int32(member)
            next[component] += 1
        }
        return (placed, starts)
    }
}

/// Union-find over integer nodes, with path halving and union by size.
///
/// Parents and sizes are 32-bit (a million users and accounts make three to four million nodes).
struct DisjointSets {
    private var parent: [Int32]
    private var size: [Int32]

    init(count: Int, capacity: Int = 0) {
        parent = (0..<Int32(count)).map { $0 }
        size = Array(repeating: 1, count: count)
        parent.reserveCapacity(capacity)
        size.reserveCapacity(capacity)
    }

    /// The number of nodes.
    var count: Int { parent.count }

    mutating func add() -> Int {
        parent.append(Int32(parent.count))
        size.append(1)
        return parent.count - 1
    }

    mutating func find(_ node: Int) -> Int {
        var node = node
        while Int(parent[node]) != node {
            parent[node] = parent[Int(parent[node])]
            node = Int(parent[node])
        }
        return node
    }

    mutating func union(_ a: Int, _ b: Int) {
        var rootA = find(a)
        var rootB = find(b)
        guard rootA != rootB else { return }
        if size[rootA] < size[rootB] { swap(&rootA, &rootB) }
        parent[rootB] = Int32(rootA)
        size[rootA] += size[rootB]
    }
}
