/// Tarjan's algorithm over the group nesting graph, iterative so that deep nesting cannot overflow
/// the stack.
///
/// Components come out in reverse topological order: a component is emitted only after
/// every component it can reach.
struct StronglyConnectedComponents {
    private let edges: [[Int]]
    private var index: [Int?]
    private var lowLink: [Int]
    private var onStack: [Bool]
    private var stack: [Int] = []
    private var nextIndex = 0
    private var components: [[Int]] = []

    init(edges: [[Int]]) {
        self.edges = edges
        self.index = Array(repeating: nil, count: edges.count)
        self.lowLink = Array(repeating: 0, count: edges.count)
        self.onStack = Array(repeating: false, count: edges.count)
    }

    /// The components, each a list of node numbers.
    mutating func run() -> [[Int]] {
        for node in edges.indices where index[node] == nil { visit(node) }
        return components
    }

    private mutating func visit(_ root: Int) {
        // Each frame is a node and the position of the next edge to look at.
        var frames: [(node: Int, edge: Int)] = [(root, 0)]
        open(root)
        while let frame = frames.last {
            let node = frame.node
            if frame.edge < edges[node].count {
                frames[frames.count - 1].edge += 1
                let next = edges[node][frame.edge]
                if let nextIndex = index[next] {
                    if onStack[next] { lowLink[node] = min(lowLink[node], nextIndex) }
                } else {
                    open(next)
                    frames.append((next, 0))
                }
                continue
            }
            frames.removeLast()
            if let parent = frames.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
            if lowLink[node] == index[node] {
                var component: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    component.append(member)
                    if member == node { break }
                }
                components.append(component)
            }
        }
    }

    private mutating func open(_ node: Int) {
        index[node] = nextIndex
        lowLink[node] = nextIndex
        nextIndex += 1
        stack.append(node)
        onStack[node] = true
    }
}
