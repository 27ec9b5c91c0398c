public import OrganizerSyncCore

extension SimulatorProvider {
    /// The simulated API of a provider organizer-sync talks to.
    ///
    /// Total by construction: a provider added to ``ProviderKind`` fails to compile here until the simulator
    /// speaks its API.
    /// - Parameter kind: the provider.
    public init(_ kind: ProviderKind) {
        switch kind {
        case .goto: self = .goto
        case .zoom: self = .zoom
        case .webex: self = .webex
        }
    }
}
