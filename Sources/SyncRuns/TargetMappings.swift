public import AccountMapping
public import MappingFiles
public import SyncConfiguration

/// Loads the mapping each target names, from the same `Mappings/` folders as the configuration's presets.
public struct TargetMappings {
    /// The folders provider presets are searched in.
    public let loader: MappingLoader

    /// - Parameter configuration: the loaded configuration; its file gives the `Mappings/` folders.
    /// - Throws: ``ConfigurationError`` when the folders cannot be worked out.
    public init(configuration: Configuration) throws {
        loader = MappingLoader(
            mappingsFolders: try ConfigurationLoader().mappingsFolders(configurationFile: configuration.file)
        )
    }

    /// The mapping of `target`: its mapping file merged over the preset it names, or a provider preset.
    /// - Parameter target: the target.
    /// - Returns: the validated mapping, for the target's provider.
    /// - Throws: ``ConfigurationError`` naming the file, line and key, or a preset for another provider.
    public func mapping(for target: TargetConfiguration) throws -> TargetMapping {
        switch target.mapping {
        case .file(let file):
            return try loader.load(file: file, provider: target.provider)
        case .preset(let name):
            let mapping = try loader.loadPreset(name)
            guard mapping.provider == target.provider else {
                throw ConfigurationError(
                    .conflict,
                    at: target.location,
                    keyPath: "targets.\(target.name).mapping",
                    "the preset \(name) is for \(mapping.provider) but the target is \(target.provider)"
                )
            }
            return mapping
        }
    }
}
