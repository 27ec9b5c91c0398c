import AccountMapping
import Foundation
import MappingFiles
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncConfiguration
import Testing

@Suite("Provider mapping presets built into the binary")
struct BuiltInMappingPresetsTests {
    @Test("An unknown provider preset is named with the built-in ones")
    func unknownPresetNamesTheBuiltInOnes() throws {
        let loader = MappingLoader(mappingsFolders: [])
        let error = #expect(throws: ConfigurationError.self) { try loader.loadPreset("zooom") }
        #expect(error?.code == .presetNotFound)
        #expect(error?.description == "preset: no provider preset 'zooom'; built in: goto, webex, zoom")
    }

    @Test(
        "Each provider preset loads with no Mappings/ folder, alone and under a mapping file",
        arguments: ProviderKind.allCases
    )
    func presetWithoutFolders(_ provider: ProviderKind) throws {
        let folder = try TemporaryDirectory(prefix: "mapping")
        defer { folder.remove() }
        let loader = MappingLoader(mappingsFolders: [folder.url.appendingPathComponent("absent").path])
        #expect(try loader.loadPreset(provider.rawValue).provider == provider)
        let file = folder.url.appendingPathComponent("target.yaml").path
        try "preset: \(provider.rawValue)\nscope:\n  groups: [hosts]\n".write(
            toFile: file,
            atomically: true,
            encoding: .utf8
        )
        let mapping = try loader.load(file: file, provider: provider)
        #expect(mapping.provider == provider)
        #expect(mapping.fields.first?.name == "email")
    }

    @Test("An unknown provider preset names the built-in ones as available")
    func unknownPreset() throws {
        let error = try mappingError("preset: zooom\n")
        #expect(error.code == .presetNotFound)
        #expect("\(error)".contains("available: goto, webex, zoom"))
    }
}

@Suite("The example mapping files in Examples/config")
struct ExampleMappingTests {
    @Test("Each example mapping loads on its built-in preset", arguments: ProviderKind.allCases)
    func exampleMappingLoads(_ provider: ProviderKind) throws {
        let file = SlapdServer.repositoryRoot()
            .appendingPathComponent("Examples/config/\(provider.rawValue)-mapping.yaml").path
        let loader = MappingLoader(mappingsFolders: [])
        let mapping = try loader.load(file: file, provider: provider)
        #expect(mapping.provider == provider)
        #expect(!mapping.scope.groups.isEmpty, "the example scopes on a group")
    }
}
