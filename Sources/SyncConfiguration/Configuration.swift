public import OrganizerSyncCore

/// The whole organizer-sync configuration, loaded from a YAML file and the presets it names.
public struct Configuration: Sendable {
    /// The configuration file, as given.
    public var file: String
    public var directory: DirectoryConfiguration
    /// The source preset the directory section builds on, when it names one.
    public var directoryPreset: String?
    /// The preset file that was merged under the directory section.
    public var directoryPresetFile: String?
    /// The provider targets (`targets:`), in file order; names are unique.
    public var targets: [TargetConfiguration]
    /// Where the state store, audit log, kept runs and metrics live, and how `apply` behaves.
    public var state: StateConfiguration
    /// The audit log's checkpoint key and where each run's final head is sent (`audit:`).
    public var audit = AuditConfiguration()
    /// Who signs plans and who may approve them (`signing:`, `apply.require_approvals`, `apply.reviewers`).
    public var signing = SigningConfiguration()
    /// `apply.require_reason`: an interactive apply must give `--reason`.
    public var requireReason = false

    public init(
        file: String,
        directory: DirectoryConfiguration,
        directoryPreset: String?,
        directoryPresetFile: String?,
        targets: [TargetConfiguration] = [],
        state: StateConfiguration? = nil
    ) {
        self.file = file
        self.directory = directory
        self.directoryPreset = directoryPreset
        self.directoryPresetFile = directoryPresetFile
        self.targets = targets
        self.state = state ?? .defaults(relativeTo: Paths.folder(of: file))
    }
}
