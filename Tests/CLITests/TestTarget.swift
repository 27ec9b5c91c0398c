import ProviderSimulator

/// A target of an ``ApplyFixture``'s configuration: its mapping file's content and its `policy:` (flow YAML).
struct TestTarget: Sendable {
    var name: String
    var provider: SimulatorProvider
    var mapping: String
    var policy: String

    /// Suspends and deletes limited by count only (the default share limits trip on the small test tenants);
    /// leavers suspended, then deleted after a day.
    static let defaultPolicy =
        "{ deprovision: { suspend_then_delete_after_days: 1 }, max_creates: { count: 100 }, "
        + "max_suspends: { count: 100, share: 1.0 }, max_deletes: { count: 100, share: 1.0 } }"

    /// The provider's preset, every user of the subtree in scope.
    ///
    /// GoTo: members of `licensed` get the GoTo Meeting licence (a GoTo
    /// user without a licence counts as suspended); others get no licence rule, so a suspended GoTo account of
    /// theirs is reactivated with the licences the suspend took away.
    static func standard(
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
