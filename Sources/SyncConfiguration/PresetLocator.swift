/// Finds preset files in the `Mappings/` folders, then among the presets built into the binary.
struct PresetLocator {
    let folders: [String]

    /// The file of a source preset: `Mappings/sources/NAME.yaml`, or a path to a YAML file.
    func sourcePreset(_ name: String, from directory: ConfigMapping) throws(ConfigurationError) -> String {
        if name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = Paths.resolve(name, relativeTo: Paths.folder(of: directory.node.location.file))
            guard Paths.isReadableFile(path) else {
                throw directory.error("preset", .presetNotFound, "the preset file \(path) does not exist")
            }
            return path
        }
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw directory.error("preset", "expected a preset name such as openldap or active-directory")
        }
        for folder in folders {
            let path = "\(folder)/sources/\(name).yaml"
            if Paths.isReadableFile(path) { return path }
        }
        if let builtIn = BuiltInPresets.path(folder: "sources", name: name) { return builtIn }
        let available = Set(
            folders.flatMap { Self.presetNames(in: "\($0)/sources") } + BuiltInPresets.names(folder: "sources")
        ).sorted()
        throw directory.error(
            "preset",
            .presetNotFound,
            "no preset '\(name)' in \(folders.map { "\($0)/sources" }.joined(separator: ", "))"
                + (available.isEmpty ? "" : "; available: \(available.joined(separator: ", "))")
        )
    }

    static func presetNames(in folder: String) -> [String] {
        guard Paths.isDirectory(folder) else { return [] }
        return Paths.files(in: folder).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
    }
}
