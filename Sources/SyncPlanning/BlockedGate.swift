public import OrganizerSyncCore

/// A threshold or guard a plan tripped; a plan with any is blocked and must not be applied as it is.
public struct BlockedGate: Sendable, Hashable, Codable {
    /// The gate's name: `threshold.creates.count`, `threshold.creates.share`, `threshold.suspends.count`,
    /// `threshold.suspends.share`, `threshold.deletes.count`, `threshold.deletes.share`,
    /// `guard.emptyDirectory`, `guard.shrunkDirectory`.
    public var name: String
    /// The figure observed: a number of actions, or of users in scope.
    public var observed: Int
    /// The limit the figure was held against (a count; for a share, the share itself).
    public var limit: Double
    /// The base of a share: the current accounts, or the last run's users in scope; `nil` for a count.
    public var base: Int?
    /// The action kinds the gate blocks.
    public var blocks: [ActionKind]

    /// Creates a gate report.
    /// - Parameters:
    ///   - name: the gate's name.
    ///   - observed: the figure observed.
    ///   - limit: the limit.
    ///   - base: the base of a share.
    ///   - blocks: the action kinds blocked.
    public init(name: String, observed: Int, limit: Double, base: Int? = nil, blocks: [ActionKind]) {
        self.name = name
        self.observed = observed
        self.limit = limit
        self.base = base
        self.blocks = blocks
    }

    /// A one-line explanation with the figures (`threshold.deletes.count: 60 deletes, limit 50`).
    public var summary: String {
        let parts = name.split(separator: ".")
        let what =
            parts.first == "guard" ? "users in scope" : parts.dropFirst().first.map(String.init) ?? ""
        if let base {
            let percent = (limit * 10_000).rounded() / 100
            return "\(name): \(observed) \(what), limit \(percent)% of \(base)"
        }
        return "\(name): \(observed) \(what), limit \(Int(limit))"
    }
}
