import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncConfiguration
import Testing

@Suite("Presets built into the binary")
struct BuiltInPresetsTests {
    @Test(
        "Each preset in Mappings/ is built in, byte for byte (run Scripts/generate-presets.sh after editing one)",
        arguments: ["sources", "providers"]
    )
    func builtInCopiesEqualTheFiles(folder: String) throws {
        let root = SlapdServer.repositoryRoot().appendingPathComponent("Mappings/\(folder)")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(!names.isEmpty)
        #expect(BuiltInPresets.names(folder: folder) == names)
        for name in names {
            let file = try String(contentsOf: root.appendingPathComponent("\(name).yaml"), encoding: .utf8)
            let path = try #require(BuiltInPresets.path(folder: folder, name: name))
            #expect(BuiltInPresets.text(at: path) == file, "\(folder)/\(name).yaml differs from its built-in copy")
        }
    }

    @Test("preset: openldap and active-directory load with no Mappings/ folder anywhere (an installed binary)")
    func sourcePresetWithoutFolders() throws {
        let folder = try TemporaryDirectory(prefix: "config")
        defer { folder.remove() }
        let empty = folder.url.appendingPathComponent("no-mappings")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        for (preset, anchor) in [("openldap", "entryUUID"), ("active-directory", "objectGUID")] {
            let file = folder.url.appendingPathComponent("\(preset).yaml").path
            // mappings_dir names an empty folder: the working folder's Mappings/ (the repository) is not searched.
            try
                ("mappings_dir: no-mappings\n"
                + minimal.replacingOccurrences(of: "preset: openldap", with: "preset: \(preset)"))
                .write(toFile: file, atomically: true, encoding: .utf8)
            let loader = ConfigurationLoader(environment: [:], executablePath: "/nonexistent/bin/organizer-sync")
            let configuration = try loader.load(file: file)
            #expect(configuration.directory.schema.anchorAttribute == anchor)
            #expect(configuration.directoryPresetFile == "(built in)/sources/\(preset).yaml")
        }
    }

    @Test("An unknown preset names the built-in ones as available")
    func unknownPresetListsBuiltIns() throws {
        let error = try loadError(minimal.replacingOccurrences(of: "preset: openldap", with: "preset: openldapp"))
        #expect(error.code == .presetNotFound)
        #expect("\(error)".contains("available: active-directory, openldap"))
    }
}
