import Foundation
import Subprocess
import SystemPackage

/// Runs this executable again as a child process, so that a figure such as peak RSS is the child's alone.
enum ChildProcess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The running executable's path.
    static func ownExecutable() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return CommandLine.arguments[0]
    }

    /// Starts `arguments` on this executable (stdout and stderr shared with ours) and waits for it without
    /// blocking a thread of the concurrency pool (swift-subprocess).
    /// - Returns: the exit status (128 + signal when a signal ended it).
    static func run(_ arguments: [String]) async throws -> Int32 {
        let path = ownExecutable()
        let result = try await Subprocess.run(
            .path(FilePath(path)),
            arguments: Arguments(arguments),
            output: .currentStandardOutput,
            error: .currentStandardError
        )
        switch result.terminationStatus {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        }
    }
}
