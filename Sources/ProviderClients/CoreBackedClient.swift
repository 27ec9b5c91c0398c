import OrganizerSyncCore

/// A provider client built on a ``ClientCore``: its target name and its statistics are the core's.
protocol CoreBackedClient: MeasuredAccountProvider {
    /// The configuration, HTTP pipeline and statistics the client shares with the others.
    var core: ClientCore { get }
}

extension CoreBackedClient {
    /// The configured target's name.
    public var targetName: String { core.configuration.targetName }
    /// What the client has sent so far.
    public var statistics: ProviderStatistics { core.statistics }
}
