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

        var components: [Int: Component] = [:]
        for (node, anchor) in anchorNames.enumerated() {
            components[sets.find(node), default: Component(anchors: [], accounts: [])].anchors.append(
                anchor
            )
        }
        for index in accounts.indices {
            components[sets.find(accountBase + index), default: Component(anchors: [], accounts: [])]
                .accounts.append(index)
        }
        return components.values.map {
            Component(anchors: $0.anchors.sorted(), accounts: $0.accounts.sorted())
        }
        .sorted {
            ($0.anchors.first ?? "", $0.accounts.first ?? -1) < (
                $1.anchors.first ?? "", $1.accounts.first ?? -1
            )
        }
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
