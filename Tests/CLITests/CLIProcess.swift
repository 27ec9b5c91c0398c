import Foundation
import OrganizerSyncTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built `organizer-sync` started as a child process that the test can watch, wait for and kill (`kill -9`
/// mid-apply): a ``ChildProcess`` (swift-subprocess) whose stdout and stderr go to files in the test's folder, so
/// they can be read while the child runs.
final class CLIProcess: Sendable {
    /// What a finished process left: its exit status (128 + the signal when a signal ended it) and output.
    struct Result: Sendable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String { "exit \(status)\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)" }
    }

    private let child: ChildProcess
    private let stdoutPath: String
    private let stderrPath: String

    /// The child's process id.
    var pid: pid_t { child.pid }

    /// Starts `organizer-sync` with `arguments`; its output goes to files named after `label` in `folder`.
    ///
    /// With a `launcher` (`setpriv --reuid=65534 ...`, a program that execs the rest of its command line), the
    /// launcher is started with the binary and `arguments` after its own; the pid stays the same across the exec.
    init(
        _ arguments: [String],
        in folder: URL,
        label: String = UUID().uuidString,
        launcher: [String] = []
    ) async throws {
        let binary = try BuiltProducts.path(of: "organizer-sync")
        stdoutPath = folder.appendingPathComponent("\(label).stdout").path
        stderrPath = folder.appendingPathComponent("\(label).stderr").path
        let mappings = SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path
        child = try await ChildProcess.start(
            launcher.first ?? binary,
            Array(launcher.dropFirst()) + (launcher.isEmpty ? [] : [binary]) + arguments,
            environment: ["ORGANIZER_SYNC_MAPPINGS": mappings],
            stdoutPath: stdoutPath,
            stderrPath: stderrPath
        )
    }

    /// Runs `organizer-sync` to its end and returns what it left; fails after `timeout` seconds (the child is
    /// killed then).
    static func run(_ arguments: [String], in folder: URL, timeout: Double = 90) async throws -> Result {
        let process = try await CLIProcess(arguments, in: folder)
        return try await process.wait(timeout: timeout)
    }

    /// Whether the child has ended.
    var hasEnded: Bool { child.status != nil }

    /// Waits for the child to end, without blocking a thread.
    func wait(timeout: Double = 90) async throws -> Result {
        guard let status = await child.status(within: .seconds(timeout)) else {
            child.signal(SIGKILL)
            _ = await child.wait()
            throw ProcessRunnerError("organizer-sync (pid \(pid)) did not end within \(timeout) s; \(output())")
        }
        let (stdout, stderr) = output()
        return Result(status: status, stdout: stdout, stderr: stderr)
    }

    /// Sends `signal` (SIGKILL: `kill -9`).
    func kill(_ signal: Int32 = SIGKILL) {
        child.signal(signal)
    }

    /// The output so far.
    func output() -> (stdout: String, stderr: String) {
        func read(_ path: String) -> String {
            String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
        }
        return (read(stdoutPath), read(stderrPath))
    }
}
