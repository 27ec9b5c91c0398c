public import ProviderSimulator

/// A target of an ``ApplyFixture``'s configuration: its mapping file's content and its `policy:` (flow YAML).
public struct TestTarget: Sendable {
    /// The target's name.
    public var name: String
    /// The provider, whose simulated API the target talks to.
    public var provider: SimulatorProvider
    /// The content of the target's mapping file.
    public var mapping: String
    /// The target's `policy:` (flow YAML).
    public var policy: String

    /// Suspends and deletes limited by count only (the default share limits trip on the small test tenants);
    /// leavers suspended, then deleted after a day.
    public static let defaultPolicy =
        "{ deprovision: { suspend_then_delete_after_days: 1 }, max_creates: { count: 100 }, "
        + "max_suspends: { count: 100, share: 1.0 }, max_deletes: { count: 100, share: 1.0 } }"

    /// The provider's preset, every user of the subtree in scope.
    ///
    /// GoTo: members of `licensed` get the GoTo Meeting licence (a GoTo
    /// user without a licence counts as suspended); others get no licence rule, so a suspended GoTo account of
    /// theirs is reactivated with the licences the suspend took away.
    public static func standard(
        _ provider: SimulatorProvider,
        name: String? = nil,
        policy: String = defaultPolicy
    ) -> TestTarget {
        var mapping = "preset: \(provider.rawValue)\n"
        if provider == .goto {
            mapping += """
                licences:
                  rules:
                    - group: licensed
                      licences: ["\(SimulatorSeed.gotoLicence)"]

                """
        }
        return TestTarget(name: name ?? provider.rawValue, provider: provider, mapping: mapping, policy: policy)
    }
}
