import Foundation
import OrganizerSyncTestSupport
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built `organizer-sync` started as a child process that the test can watch, wait for without blocking a
/// thread, and kill (`kill -9` mid-apply).
///
/// `runProcess` blocks its thread until the child ends and does not hand out the pid; the apply, reconcile and
/// crash tests need both. stdout and stderr go to files in the test's folder (not pipes: a killed child must not
/// leave us waiting for end-of-file), so they can be read while the child runs.
final class CLIProcess: Sendable {
    /// What a finished process left: its exit status (128 + the signal when a signal ended it) and output.
    struct Result: Sendable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String { "exit \(status)\n--- stdout:\n\(stdout)\n--- stderr:\n\(stderr)" }
    }

    /// The child's process id.
    let pid: pid_t
    private let stdoutPath: String
    private let stderrPath: String
    private let status = Mutex<Int32?>(nil)

    /// Starts `organizer-sync` with `arguments`; its output goes to files named after `label` in `folder`.
    ///
    /// With a `launcher` (`setpriv --reuid=65534 ...`, a program that execs the rest of its command line), the
    /// launcher is started with the binary and `arguments` after its own; the pid stays the same across the exec.
    init(_ arguments: [String], in folder: URL, label: String = UUID().uuidString, launcher: [String] = []) throws {
        let binary = try BuiltProducts.path(of: "organizer-sync")
        stdoutPath = folder.appendingPathComponent("\(label).stdout").path
        stderrPath = folder.appendingPathComponent("\(label).stderr").path
        var environment = ProcessInfo.processInfo.environment
        environment["ORGANIZER_SYNC_MAPPINGS"] = SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path
        pid = try spawn(
            path: launcher.first ?? binary,
            arguments: launcher + [binary] + arguments,
            environment: environment.map { "\($0.key)=\($0.value)" },
            stdinPath: "/dev/null",
            stdoutPath: stdoutPath,
            stderrPath: stderrPath
        )
    }

    /// A child still running when the test lets go of it (a test that failed half-way) is killed and reaped.
    deinit {
        guard status.withLock({ $0 }) == nil, !reap() else { return }
        sendSignal(SIGKILL, to: pid)
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) == -1 && errno == EINTR {}
    }

    /// Runs `organizer-sync` to its end and returns what it left; fails after `timeout` seconds (the child is
    /// killed then).
    static func run(_ arguments: [String], in folder: URL, timeout: Double = 90) async throws -> Result {
        let process = try CLIProcess(arguments, in: folder)
        return try await process.wait(timeout: timeout)
    }

    /// Whether the child has ended (and been reaped).
    var hasEnded: Bool {
        if status.withLock({ $0 }) != nil { return true }
        return reap()
    }

    /// Waits for the child to end, polling without blocking a thread.
    func wait(timeout: Double = 90) async throws -> Result {
        let deadline = Date().addingTimeInterval(timeout)
        while !hasEnded {
            if Date() > deadline {
                kill(SIGKILL)
                while !reap() { try await Task.sleep(for: .milliseconds(10)) }
                throw ProcessRunnerError("organizer-sync (pid \(pid)) did not end within \(timeout) s; \(output())")
            }
            try await Task.sleep(for: .milliseconds(15))
        }
        let (stdout, stderr) = output()
        return Result(status: status.withLock { $0 } ?? -1, stdout: stdout, stderr: stderr)
    }

    /// Sends `signal` (SIGKILL: `kill -9`).
    func kill(_ signal: Int32 = SIGKILL) {
        if status.withLock({ $0 }) == nil { sendSignal(signal, to: pid) }
    }

    /// The output so far.
    func output() -> (stdout: String, stderr: String) {
        func read(_ path: String) -> String {
            String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
        }
        return (read(stdoutPath), read(stderrPath))
    }

    /// waitpid without blocking; true once the child has ended.
    private func reap() -> Bool {
        var waitStatus: Int32 = 0
        while true {
            let result = waitpid(pid, &waitStatus, WNOHANG)
            if result == 0 { return false }
            if result == pid { break }
            if errno == EINTR { continue }
            return status.withLock { $0 } != nil
        }
        let code = exitCode(waitStatus: waitStatus)
        status.withLock { $0 = code }
        return true
    }
}

/// `kill(2)`, out of reach of ``CLIProcess/kill(_:)``'s name.
private func sendSignal(_ signal: Int32, to pid: pid_t) {
    _ = kill(pid, signal)
}
