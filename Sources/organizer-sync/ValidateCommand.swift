import ArgumentParser
import SyncRuns

/// `organizer-sync validate`: checks the configuration, then connects and binds.
struct ValidateCommand: OrganizerSyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the configuration, presets and credentials, then connect to the directory and each target.",
        discussion: """
            Prints one line per check and a verdict: what is wrong, and what is still missing (a secret file to \
            create, a placeholder from init to replace). Each target is checked with a read-only lookup of an \
            address nobody has. Exits 0 when everything is valid, 1 otherwise. --format json prints the same \
            checks as JSON (docs/json-output.md).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Check the files and that every secret can be read; do not connect.")
    var offline = false

    @Option(help: "Output: text (one line per check) or json.")
    var format: ReportFormat = .text

    func execute() async throws -> ExitReason {
        let report = await ValidationRun.run(
            configurationFile: global.configFile,
            offline: offline,
            logger: global.makeLogger(),
            load: global.loadConfiguration
        )
        print(format == .json ? ((try? report.json()) ?? "{}") : report.text(), terminator: "")
        return report.isValid ? .success : .failure
    }
}
