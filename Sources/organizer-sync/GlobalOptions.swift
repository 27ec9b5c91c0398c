public import ArgumentParser
import Foundation
public import Logging
import SyncConfiguration

/// Options every subcommand shares.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "The configuration file.",
            discussion: "Defaults to $ORGANIZER_SYNC_CONFIG, then organizer-sync.yaml in the working folder."
        )
    )
    var config: String?

    @Option(help: "Log level on standard error: trace, debug, info, notice, warning, error or critical.")
    var logLevel: Logger.Level = .warning

    /// The configuration file to read.
    var configFile: String {
        config ?? ProcessInfo.processInfo.environment["ORGANIZER_SYNC_CONFIG"] ?? "organizer-sync.yaml"
    }

    /// Sets up logging to standard error (results go to standard output) and returns a logger.
    func makeLogger() -> Logger {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "organizer-sync")
        logger.debug("process hardening: \(ProcessHardening.status)")
        return logger
    }

    /// Loads the configuration.
    func loadConfiguration() throws -> Configuration {
        try ConfigurationLoader().load(file: configFile)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, summary
}

/// How `plan` and `explain` print their result: readable text, or JSON for machines.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
