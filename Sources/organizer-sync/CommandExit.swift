import ArgumentParser
import Foundation
import SyncRuns

/// A subcommand that does its work in ``execute()`` and leaves through ``CommandExit``: the one place that turns
/// a status or an error into the exit code and the message on standard error.
protocol OrganizerSyncCommand: AsyncParsableCommand {
    /// Does the command's work and prints its result.
    /// - Returns: the status to exit with.
    /// - Throws: any error; ``CommandExit`` prints it and maps it to its status.
    func execute() async throws -> ExitReason
}

extension OrganizerSyncCommand {
    /// Runs ``execute()`` and ends the process with its status.
    ///
    /// The process ends here, without returning:
    /// a directory snapshot can hold hundreds of thousands of values, and freeing them one by one would only
    /// delay the exit.
    func run() async throws {
        CommandExit.exit(await CommandExit.status { try await execute() })
    }
}

/// The one way every command ends: a status or an error becomes the documented exit code and a message.
enum CommandExit {
    /// Runs `body` and returns its status; an error thrown is printed as ``message(for:)`` on standard error
    /// and mapped to its status (``SyncRuns/ExitReason/init(for:)``).
    static func status(of body: () async throws -> ExitReason) async -> ExitReason {
        do {
            return try await body()
        } catch {
            printError(message(for: error))
            return ExitReason(for: error)
        }
    }

    /// The line printed for an error: `error: ` and its description.
    ///
    /// Descriptions of the project's errors hold
    /// neither secrets nor personal data (their `debugDescription` may hold personal data).
    static func message(for error: any Error) -> String {
        "error: \(String(describing: error))"
    }

    /// Flushes standard output and ends the process with `status`.
    static func exit(_ status: ExitReason) -> Never {
        fflush(nil)
        Foundation.exit(status.rawValue)
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
