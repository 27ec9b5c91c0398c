public import ArgumentParser
import Foundation
public import Logging
import OrganizerSyncCore
import SyncApply
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

    @Option(help: "Log format on standard error: text, or json (one object per line, for log shippers).")
    var logFormat: LogFormat = .text

    /// The configuration file to read.
    var configFile: String {
        config ?? ProcessInfo.processInfo.environment["ORGANIZER_SYNC_CONFIG"] ?? "organizer-sync.yaml"
    }

    /// Sets up logging to standard error (results go to standard output) and returns a logger whose metadata
    /// holds the run's id (`run_id`), which a run's audit records and state store entries carry too.
    func makeLogger() -> Logger {
        let level = logLevel
        let format = logFormat
        LoggingSystem.bootstrap { label in
            switch format {
            case .text:
                var handler = RedactingLogHandler(StreamLogHandler.standardError(label: label))
                handler.logLevel = level
                return handler
            case .json:
                return JSONLogHandler(label: label, level: level)
            }
        }
        var logger = Logger(label: "organizer-sync")
        logger[metadataKey: "run_id"] = "\(RunSession.makeID())"
        return logger
    }

    /// Loads the configuration.
    func loadConfiguration() throws -> Configuration {
        try ConfigurationLoader().load(file: configFile)
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// How log lines are written on standard error.
enum LogFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// How a command prints its result.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, summary
}

/// How `plan` and `explain` print their result: readable text, or JSON for machines.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
