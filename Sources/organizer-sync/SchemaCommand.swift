import ArgumentParser
import MappingFiles
import SyncConfiguration
import SyncRuns

/// `organizer-sync schema config|mapping|source-preset`: prints a JSON Schema for editors.
struct SchemaCommand: OrganizerSyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract:
            "Print the JSON Schema (draft 2020-12) of the configuration file, of mapping files or of source presets.",
        discussion: """
            Made from the same key definitions the loader checks, so an editor (with a YAML language server) \
            completes and checks what organizer-sync accepts: the keys, their types and fixed choices. The \
            loader checks more (ranges, URLs, expressions, which credentials each provider takes): run validate. \
            docs/schema/ holds the three schemas as shipped.
            """
    )

    /// What to print the schema of.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case config, mapping
        case sourcePreset = "source-preset"
    }

    @Argument(help: "config (organizer-sync.yaml), mapping (a target's mapping file) or source-preset.")
    var kind: Kind

    func execute() async throws -> ExitReason {
        print(Self.text(kind), terminator: "")
        return .success
    }

    /// The schema text of `kind`.
    static func text(_ kind: Kind) -> String {
        let base = "https://organizer-sync.invalid/schema/"
        switch kind {
        case .config:
            return ConfigurationShape.file.jsonSchema(
                title: "organizer-sync configuration",
                id: base + "organizer-sync.schema.json"
            )
        case .mapping:
            return MappingShape.file.jsonSchema(title: "organizer-sync mapping file", id: base + "mapping.schema.json")
        case .sourcePreset:
            return ConfigurationShape.directoryPreset.jsonSchema(
                title: "organizer-sync source preset",
                id: base + "source-preset.schema.json"
            )
        }
    }
}
