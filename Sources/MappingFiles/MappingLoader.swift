public import AccountMapping
import Foundation
public import OrganizerSyncCore
public import SyncConfiguration

/// Loads and validates a target's mapping file.
///
/// It parses the YAML, merges it over the provider preset it names, and decodes scope, fields and licence rules, checking every key and parsing every expression
/// and filter. The first problem is thrown as a ``ConfigurationError`` naming file, line, column and key.
///
/// ```yaml
/// preset: zoom                 # Mappings/providers/zoom.yaml, or a path to a YAML file
/// scope:
///   groups: [meeting-hosts]
///   filter: "(!(employeeType=contractor))"
/// fields:
///   department: default(departmentNumber, "Unassigned")
/// ```
public struct MappingLoader: Sendable {
    static var keys: [String] { MappingShape.file.names }
    static var presetKeys: [String] { MappingShape.preset.names }

    /// The `Mappings/` folders searched for `providers/NAME.yaml`, in order.
    public var mappingsFolders: [String]

    /// - Parameter mappingsFolders: the `Mappings/` folders to search for provider presets.
    public init(mappingsFolders: [String]) {
        self.mappingsFolders = mappingsFolders
    }

    /// Loads a mapping file.
    /// - Parameters:
    ///   - file: the mapping file.
    ///   - provider: the target's provider; a mapping for another provider is an error.
    /// - Returns: the validated mapping.
    /// - Throws: ``ConfigurationError``.
    public func load(file: String, provider: ProviderKind? = nil) throws(ConfigurationError) -> TargetMapping {
        let node = try ConfigNode.load(file: file)
        let root = try ConfigMapping(node, path: "", allowedKeys: Self.keys)
        var merged = node
        var presetFile: String?
        if let name = try root.string("preset") {
            let found = try presetPath(name, from: root, file: file)
            let preset = try ConfigNode.load(file: found)
            _ = try ConfigMapping(preset, path: "", allowedKeys: Self.presetKeys)
            merged = preset.merged(with: node)
            presetFile = found
        }
        return try decode(merged, file: file, presetFile: presetFile, expected: provider)
    }

    /// Loads a provider preset on its own (`zoom`, `webex`, `goto`), as `validate` and the tests do.
    /// - Throws: ``ConfigurationError``.
    public func loadPreset(_ name: String) throws(ConfigurationError) -> TargetMapping {
        guard
            let file = mappingsFolders.map({ "\($0)/providers/\(name).yaml" }).first(where: Self.isReadable)
                ?? BuiltInPresets.path(folder: "providers", name: name)
        else {
            throw ConfigurationError(
                .presetNotFound,
                at: nil,
                keyPath: "preset",
                "no provider preset '\(name)'; built in: \(BuiltInPresets.names(folder: "providers").joined(separator: ", "))"
            )
        }
        let node = try ConfigNode.load(file: file)
        _ = try ConfigMapping(node, path: "", allowedKeys: Self.presetKeys)
        return try decode(node, file: file, presetFile: nil, expected: nil)
    }

    /// Decodes a merged mapping tree.
    func decode(
        _ node: ConfigNode,
        file: String,
        presetFile: String?,
        expected: ProviderKind?
    )
        throws(ConfigurationError) -> TargetMapping
    {
        let root = try ConfigMapping(node, path: "", allowedKeys: Self.keys)
        guard let provider = try root.choice("provider", as: ProviderKind.self) else {
            throw root.error("provider", .missingKey, "is required (goto, zoom or webex), or name a preset")
        }
        if let expected, expected != provider {
            throw root.error(
                "provider",
                .conflict,
                "the mapping is for \(provider) but the target is \(expected); write provider: \(expected) "
                    + "(or preset: \(expected)) here, or give the target a mapping file for \(expected)"
            )
        }
        return TargetMapping(
            provider: provider,
            scope: try MappingSections.scope(root),
            fields: try MappingSections.fields(root),
            licences: try MappingSections.licences(root, provider: provider),
            file: file,
            presetFile: presetFile
        )
    }

    /// The preset file a mapping names: `Mappings/providers/NAME.yaml`, or a path relative to the file.
    private func presetPath(
        _ name: String,
        from root: ConfigMapping,
        file: String
    ) throws(ConfigurationError)
        -> String
    {
        if name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
            let path = name.hasPrefix("/") ? name : folder.appendingPathComponent(name).standardizedFileURL.path
            guard Self.isReadable(path) else {
                throw root.error(
                    "preset",
                    .presetNotFound,
                    "the preset file \(path) does not exist (a relative path is read from this file's folder)"
                )
            }
            return path
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw root.error(
                "preset",
                "expected a provider preset name such as zoom, webex or goto, or the path of a preset file ending in .yaml"
            )
        }
        if let path = mappingsFolders.map({ "\($0)/providers/\(name).yaml" }).first(where: Self.isReadable) {
            return path
        }
        if let builtIn = BuiltInPresets.path(folder: "providers", name: name) { return builtIn }
        let available = Set(
            mappingsFolders.flatMap { folder in
                ((try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/providers")) ?? [])
                    .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
            } + BuiltInPresets.names(folder: "providers")
        ).sorted()
        throw root.error(
            "preset",
            .presetNotFound,
            "no provider preset '\(name)' in \(mappingsFolders.map { "\($0)/providers" }.joined(separator: ", "))"
                + (available.isEmpty ? "" : "; available: \(available.joined(separator: ", "))")
        )
    }

    private static func isReadable(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
