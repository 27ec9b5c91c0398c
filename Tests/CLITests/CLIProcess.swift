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
    init(_ arguments: [String], in folder: URL, label: String = UUID().uuidString) throws {
        let binary = try BuiltProducts.path(of: "organizer-sync")
        stdoutPath = folder.appendingPathComponent("\(label).stdout").path
        stderrPath = folder.appendingPathComponent("\(label).stderr").path
        var environment = ProcessInfo.processInfo.environment
        environment["ORGANIZER_SYNC_MAPPINGS"] = SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path
        pid = try Self.spawn(
            binary,
            arguments: [binary] + arguments,
            environment: environment.map { "\($0.key)=\($0.value)" },
            stdout: stdoutPath,
            stderr: stderrPath
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
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift cannot import.
        let signal = waitStatus & 0x7f
        let code: Int32 = signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal
        status.withLock { $0 = code }
        return true
    }

    /// posix_spawn with an empty signal mask and default handlers (as `runProcess` does, for the same reasons:
    /// the test process's mask must not make the child ignore SIGTERM), stdin from /dev/null.
    private static func spawn(
        _ path: String,
        arguments: [String],
        environment: [String],
        stdout: String,
        stderr: String
    ) throws -> pid_t {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGQUIT, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, &argv, &envp)
        guard result == 0 else {
            throw ProcessRunnerError("cannot run \(path): \(String(cString: strerror(result)))")
        }
        return pid
    }
}

/// `kill(2)`, out of reach of ``CLIProcess/kill(_:)``'s name.
private func sendSignal(_ signal: Int32, to pid: pid_t) {
    _ = kill(pid, signal)
}
