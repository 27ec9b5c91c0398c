import ArgumentParser
import LDAPDirectory
import OrganizerSyncCore
import SyncConfiguration

/// `organizer-sync validate`: checks the configuration, then connects and binds.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the configuration and presets, then connect and bind to the directory.",
        discussion: "Prints one line per check and a verdict. Exits 0 when everything is valid, 1 otherwise."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Check the files only; do not connect.")
    var offline = false

    func run() async throws {
        let logger = global.makeLogger()
        let configuration: Configuration
        do {
            configuration = try global.loadConfiguration()
        } catch {
            print("configuration: FAILED: \(error)")
            print("verdict: INVALID")
            throw ExitCode(ExitCodes.failure)
        }
        let preset = configuration.directoryPresetFile.map { " (preset \($0))" } ?? ""
        print("configuration: OK: \(configuration.file)\(preset)")
        if let reference = configuration.directory.connection.bindPassword {
            do {
                _ = try reference.resolve()
                print("bind password: OK: read from \(reference)")
            } catch {
                print("bind password: FAILED: \(error)")
                print("verdict: INVALID")
                throw ExitCode(ExitCodes.failure)
            }
        }
        guard !offline else {
            print("verdict: VALID (files only; the directory was not contacted)")
            return
        }
        do {
            let summary = try await DirectoryReader(configuration: configuration.directory, logger: logger)
                .checkConnection()
            print("directory: OK: \(summary)")
        } catch {
            print("directory: FAILED: \(error)")
            print("verdict: INVALID")
            throw ExitCode(ExitCodes.failure)
        }
        print("verdict: VALID")
    }
}
