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
        return Logger(label: "organizer-sync")
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

/// The exit codes scripts can rely on. They are listed in `organizer-sync --help`.
enum ExitCodes {
    /// Success, nothing to do.
    static let success: Int32 = 0
    /// An error: bad configuration, the directory or a provider could not be read.
    static let failure: Int32 = 1
    /// `plan`: changes are pending (the plan has actions and no gate tripped).
    static let changesPending: Int32 = 2
    /// `plan`: a threshold or guard tripped; the plan is still shown and written, marked blocked.
    static let blocked: Int32 = 3
    /// Another apply or reconcile holds the state store's lock; nothing was done.
    static let locked: Int32 = 4
    /// `audit verify`: the chain is broken (a record edited, removed, reordered, inserted or torn).
    static let auditBroken: Int32 = 5
    /// `apply`/`reconcile`: the run finished but some changes failed or were skipped; see the summary.
    static let partial: Int32 = 6
    /// `apply`: the plan was refused (digest, configuration, age or a gate not overridden); nothing was done.
    static let planRefused: Int32 = 7
    /// `plan`/`apply`/`reconcile`: the state store is missing, empty, older or foreign while the audit log or the
    /// runs folder shows history; `state rebuild --from-audit` or `--new-state`.
    static let stateRefused: Int32 = 8
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
