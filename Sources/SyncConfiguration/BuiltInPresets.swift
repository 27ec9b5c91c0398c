/// The presets of `Mappings/`, compiled into the binary so that `preset: openldap` or `mapping: zoom` works
/// wherever the binary is installed, with no `Mappings/` folder beside it.
///
/// A preset found in a `Mappings/` folder (`mappings_dir`, `$ORGANIZER_SYNC_MAPPINGS`, beside the configuration,
/// the working folder or the binary) comes first, so an admin can still ship their own; the built-in copy is the
/// fallback. `Scripts/generate-presets.sh` writes ``files`` from `Mappings/`; a test keeps the two equal.
public enum BuiltInPresets {
    /// The prefix of the pseudo path that names a built-in preset in errors and in `validate`'s output.
    public static let pathPrefix = "(built in)/"

    /// The pseudo path of a built-in preset, or `nil` when there is none.
    /// - Parameters:
    ///   - folder: `sources` (directory presets) or `providers` (mapping presets).
    ///   - name: the preset's name (`openldap`, `zoom`).
    /// - Returns: `(built in)/sources/openldap.yaml`, or `nil`.
    public static func path(folder: String, name: String) -> String? {
        files["\(folder)/\(name).yaml"] == nil ? nil : "\(pathPrefix)\(folder)/\(name).yaml"
    }

    /// The names of the built-in presets in one folder, sorted.
    /// - Parameter folder: `sources` or `providers`.
    /// - Returns: the names (`active-directory`, `openldap`).
    public static func names(folder: String) -> [String] {
        files.keys.filter { $0.hasPrefix("\(folder)/") }
            .map { String($0.dropFirst(folder.count + 1).dropLast(5)) }
            .sorted()
    }

    /// The text of the preset a pseudo path names, as the file in `Mappings/` holds it.
    /// - Parameter path: a path that ``path(folder:name:)`` returned.
    /// - Returns: the YAML text, or `nil` when `path` names no built-in preset.
    public static func text(at path: String) -> String? {
        guard path.hasPrefix(pathPrefix) else { return nil }
        return files[String(path.dropFirst(pathPrefix.count))].map { $0 + "\n" }
    }
}
