import Foundation
public import OrganizerSyncCore

/// Loads a configuration file: parses the YAML, finds the presets it names in `Mappings/`, merges
/// the admin's values over them and decodes the result, reporting the first error with its file,
/// line and key.
public struct ConfigurationLoader: Sendable {
    static var topLevelKeys: [String] { ConfigurationShape.file.names }

    let environment: [String: String]
    let executablePath: String?

    /// - Parameters:
    ///   - environment: where `ORGANIZER_SYNC_MAPPINGS` is looked up.
    ///   - executablePath: the running binary, to find a `Mappings/` folder installed beside it.
    public init(
        environment: [String: String] = ProcessEnvironment.current(),
        executablePath: String? = CommandLine.arguments.first
    ) {
        self.environment = environment
        self.executablePath = executablePath
    }

    public func load(file: String) throws(ConfigurationError) -> Configuration {
        let root = try ConfigMapping(ConfigNode.load(file: file), path: "", allowedKeys: Self.topLevelKeys)
        if let version = try root.int("version", in: 0...Int.max), version != 1 {
            throw root.error("version", "this organizer-sync reads configuration version 1")
        }
        let folder = Paths.folder(of: file)
        guard var directoryNode = root.value("directory") else {
            throw root.error("directory", .missingKey, "is required")
        }
        let directory = try ConfigMapping(directoryNode, path: "directory", allowedKeys: DirectorySection.keys)
        let presetName = try directory.string("preset")
        var presetFile: String?
        if let presetName {
            let mappings = try mappingsFolders(root: root, configFolder: folder)
            let found = try PresetLocator(folders: mappings).sourcePreset(presetName, from: directory)
            let preset = try ConfigNode.load(file: found)
            _ = try ConfigMapping(preset, path: "", allowedKeys: DirectorySection.presetKeys)
            directoryNode = preset.removing(keys: ["description"]).merged(with: directoryNode)
            presetFile = found
        }
        let merged = try ConfigMapping(directoryNode, path: "directory", allowedKeys: DirectorySection.keys)
        let state = try StateSection.decode(root, relativeTo: folder)
        var configuration = Configuration(
            file: file,
            directory: try DirectorySection.decode(merged, relativeTo: folder),
            directoryPreset: presetName,
            directoryPresetFile: presetFile,
            targets: try TargetsSection.decode(root, relativeTo: folder),
            state: state
        )
        configuration.audit = try AuditSection.decode(root, relativeTo: folder, state: state, environment: environment)
        configuration.signing = try SigningSection.decode(root, relativeTo: folder, state: state)
        configuration.requireReason = try ReasonSection.decode(root)
        return configuration
    }

    /// The `Mappings/` folders a configuration file's presets and mapping presets are searched in, in order,
    /// so that mapping files are loaded from the same folders as the configuration's presets.
    /// - Parameter file: the configuration file.
    /// - Returns: the folders (they need not all exist).
    /// - Throws: ``ConfigurationError`` when the file cannot be read or its `mappings_dir` does not exist.
    public func mappingsFolders(configurationFile file: String) throws(ConfigurationError) -> [String] {
        let root = try ConfigMapping(ConfigNode.load(file: file), path: "", allowedKeys: Self.topLevelKeys)
        return try mappingsFolders(root: root, configFolder: Paths.folder(of: file))
    }

    /// The folders searched for presets, in order: `mappings_dir` from the file, then
    /// `$ORGANIZER_SYNC_MAPPINGS`, `Mappings/` beside the configuration file, in the working folder,
    /// and beside the executable (`../../Mappings` from `.build/debug`, `../share/organizer-sync/Mappings`).
    func mappingsFolders(root: ConfigMapping, configFolder: String) throws(ConfigurationError) -> [String] {
        if let configured = try root.string("mappings_dir") {
            let path = Paths.resolve(configured, relativeTo: configFolder)
            guard Paths.isDirectory(path) else { throw root.error("mappings_dir", "the folder \(path) does not exist") }
            return [path]
        }
        var folders: [String] = []
        if let fromEnvironment = environment["ORGANIZER_SYNC_MAPPINGS"], !fromEnvironment.isEmpty {
            folders.append(fromEnvironment)
        }
        folders.append(Paths.resolve("Mappings", relativeTo: configFolder))
        folders.append(Paths.resolve("Mappings", relativeTo: FileManager.default.currentDirectoryPath))
        if let executablePath {
            let binaryFolder = Paths.folder(
                of: Paths.resolve(executablePath, relativeTo: FileManager.default.currentDirectoryPath)
            )
            folders.append(Paths.resolve("../../Mappings", relativeTo: binaryFolder))
            folders.append(Paths.resolve("../../../Mappings", relativeTo: binaryFolder))
            folders.append(Paths.resolve("../share/organizer-sync/Mappings", relativeTo: binaryFolder))
        }
        var seen = Set<String>()
        return folders.filter { seen.insert($0).inserted }
    }
}

extension ConfigNode {
    /// The mapping without the given keys.
    func removing(keys: Set<String>) -> ConfigNode {
        guard case .mapping(let entries) = value else { return self }
        return ConfigNode(value: .mapping(entries.filter { !keys.contains($0.key) }), location: location)
    }
}
