import OrganizerSyncCore

extension Planner {
    /// Directory anchors and accounts linked by the state store or by a shared email.
    ///
    /// A component with at most one anchor and one account is a clean match (or a create, or a leaver, or
    /// an unmanaged account when it has no anchor); anything larger is a conflict.
    struct Component {
        var anchors: [String]
        var accounts: [Int]
    }

    /// Links anchors (desired and recorded), accounts and normalized emails, and returns the components.
    ///
    /// Edges: a desired user to its email; an account to its email; a recorded anchor to its account, found
    /// by the recorded provider id, else by the recorded email.
    static func link(
        desired: [DesiredAccount],
        accounts: [ProviderAccount],
        state: SyncState
    )
        -> [Component]
    {
        var anchorNodes: [String: Int] = [:]
        var anchorNames: [String] = []
        func anchorNode(_ anchor: String) -> Int {
            if let node = anchorNodes[anchor] { return node }
            anchorNames.append(anchor)
            anchorNodes[anchor] = anchorNames.count - 1
            return anchorNames.count - 1
        }
        for user in desired { _ = anchorNode(user.anchor) }
        for record in state.accounts { _ = anchorNode(record.anchor) }

        let accountBase = anchorNames.count
        let emailBase = accountBase + accounts.count
        var emailNodes: [String: Int] = [:]
        var sets = DisjointSets(count: emailBase)
        func emailNode(_ email: String) -> Int {
            let key = EmailPattern.normalize(email)
            if let node = emailNodes[key] { return node }
            let node = sets.add()
            emailNodes[key] = node
            return node
        }

        var accountsByID: [String: Int] = [:]
        var accountsByEmail: [String: [Int]] = [:]
        for (index, account) in accounts.enumerated() {
            if let id = account.id, accountsByID[id] == nil { accountsByID[id] = index }
            accountsByEmail[EmailPattern.normalize(account.email), default: []].append(index)
            sets.union(accountBase + index, emailNode(account.email))
        }
        for user in desired {
            sets.union(anchorNode(user.anchor), emailNode(user.fields.email))
        }
        for record in state.accounts {
            let node = anchorNode(record.anchor)
            if let id = record.providerID, let index = accountsByID[id] {
                sets.union(node, accountBase + index)
            } else {
                for index in accountsByEmail[EmailPattern.normalize(record.email)] ?? [] {
                    sets.union(node, accountBase + index)
                }
            }
        }

        // Components in order of first appearance (desired users, then records, then accounts): no sort needed.
        var slots = [Int](repeating: -1, count: sets.count)
        var components: [Component] = []
        func slot(of node: Int) -> Int {
            let root = sets.find(node)
            if slots[root] < 0 {
                slots[root] = components.count
                components.append(Component(anchors: [], accounts: []))
            }
            return slots[root]
        }
        for (node, anchor) in anchorNames.enumerated() {
            components[slot(of: node)].anchors.append(anchor)
        }
        for index in accounts.indices {
            components[slot(of: accountBase + index)].accounts.append(index)
        }
        for index in components.indices where components[index].anchors.count > 1 {
            components[index].anchors.sort()
        }
        return components
    }
}

/// Union-find over integer nodes, with path halving and union by size.
struct DisjointSets {
    private var parent: [Int]
    private var size: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
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
