public import Foundation

/// How `apply` checks a plan and runs its changes.
public struct ApplyOptions: Sendable {
    /// The digest of the configuration now; the plan must have been made from the same one.
    public var configDigest: String
    /// The oldest plan accepted, in seconds.
    public var maxPlanAge: Double
    /// The gates the admin overrides by name (`threshold.deletes.count`); a blocked plan is refused unless
    /// every gate it tripped is named here.
    public var overriddenGates: Set<String>
    /// Changes in flight per target; each provider's rate limit still holds.
    public var concurrency: Int
    /// The time the checks are made against.
    public var now: Date
    /// Whom the plan's signature and approvals must come from.
    public var trust = PlanTrust()
    /// The in-scope counts this process saw in the directory itself (reconcile), by target; the shrink guard's next
    /// baseline.
    ///
    /// Without one (apply of a plan file), the baseline is the number of accounts the state store manages
    /// for the target after the apply: never a count read from the plan file.
    public var observedInScopeCounts: [String: Int] = [:]

    /// Creates options.
    public init(
        configDigest: String,
        maxPlanAge: Double,
        overriddenGates: Set<String> = [],
        concurrency: Int = 8,
        now: Date = Date()
    ) {
        self.configDigest = configDigest
        self.maxPlanAge = maxPlanAge
        self.overriddenGates = overriddenGates
        self.concurrency = max(1, concurrency)
        self.now = now
    }
}
