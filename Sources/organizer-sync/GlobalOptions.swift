import ArgumentParser
import Foundation
import Logging
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
    var logLevel: LogLevel = .warning

    @Option(help: "Log format on standard error: text, or json (one object per line, for log shippers).")
    var logFormat: LogFormat = .text

    /// The configuration file to read.
    var configFile: String {
        config ?? ProcessInfo.processInfo.environment["ORGANIZER_SYNC_CONFIG"] ?? "organizer-sync.yaml"
    }

    /// Sets up logging to standard error (results go to standard output) and returns a logger whose metadata
    /// holds the run's id (`run_id`), which a run's audit records and state store entries carry too.
    func makeLogger() -> Logger {
        let level = logLevel.level
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
        logger.debug("process hardening: \(ProcessHardening.status)")
        return logger
    }

    /// Loads the configuration.
    func loadConfiguration() throws -> Configuration {
        try ConfigurationLoader().load(file: configFile)
    }

    /// Sets up logging (``makeLogger()``), then loads the configuration: what a command that reads the directory
    /// or a provider starts with.
    func loggerAndConfiguration() throws -> (Logger, Configuration) {
        (makeLogger(), try loadConfiguration())
    }
}

/// `--log-level`'s values: swift-log's levels, as a type of our own.
///
/// Declaring swift-log's `Logger.Level` ExpressibleByArgument would be a retroactive conformance between two
/// packages we do not own, which either of them could later add too.
enum LogLevel: String, ExpressibleByArgument, CaseIterable {
    case trace, debug, info, notice, warning, error, critical

    /// The swift-log level.
    var level: Logger.Level {
        switch self {
        case .trace: .trace
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }
}

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
