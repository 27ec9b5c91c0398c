import Foundation
import Subprocess
import Synchronization
public import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started through swift-subprocess, for the tests that need its pid while it runs: to signal it,
/// kill it mid-run or watch it from outside.
///
/// stdin, stdout and stderr are files, not pipes: a daemon the child leaves behind holding them (slapd, samba)
/// cannot keep us waiting for end-of-file, and a child that writes a lot to both cannot deadlock against us. The
/// child gets an empty signal mask, default signal handlers and no descriptor but 0, 1 and 2 (swift-subprocess
/// does that); it is reaped by swift-subprocess's own monitor, never by a waitpid of ours, and waiting for it
/// never blocks a thread.
///
/// A child still running when its last reference goes is killed.
public final class ChildProcess: Sendable {
    /// The child's process id.
    public let pid: Int32
    /// The exit status once the child has ended: its code, or 128 + the signal number that ended it.
    private let ended: Ending

    /// Set once by the task that runs the child; read from anywhere.
    private final class Ending: Sendable {
        let status = Mutex<Int32?>(nil)
    }

    private init(pid: Int32, ended: Ending) {
        self.pid = pid
        self.ended = ended
    }

    deinit {
        if ended.status.withLock({ $0 }) == nil { _ = kill(pid, SIGKILL) }
    }

    /// Starts `path` with `arguments` (not counting the program itself) and returns once it runs.
    ///
    /// - `environment` is merged over this process's (a key given here wins);
    /// - `stdoutPath` and `stderrPath` are created (mode 0600) or truncated;
    /// - `newProcessGroup` makes the child lead a process group of its own, so ``signalGroup(_:)`` reaches every
    ///   process it starts.
    public static func start(
        _ path: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        stdinPath: String = "/dev/null",
        stdoutPath: String,
        stderrPath: String,
        newProcessGroup: Bool = false
    ) async throws -> ChildProcess {
        let input = try FileDescriptor.open(stdinPath, .readOnly, options: .closeOnExec)
        let output: FileDescriptor
        let error: FileDescriptor
        do {
            output = try createOutput(stdoutPath)
            do { error = try createOutput(stderrPath) } catch {
                try? output.close()
                throw error
            }
        } catch {
            try? input.close()
            throw error
        }
        return try await start(
            path,
            arguments,
            environment: environment,
            input: input,
            output: output,
            error: error,
            newProcessGroup: newProcessGroup
        )
    }

    /// Starts `path` with `arguments` on the descriptors given, which this call owns and closes once the child
    /// holds them (or when it fails).
    public static func start(
        _ path: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        input: FileDescriptor,
        output: FileDescriptor,
        error: FileDescriptor,
        newProcessGroup: Bool = false
    ) async throws -> ChildProcess {
        var options = PlatformOptions()
        if newProcessGroup { options.processGroupID = 0 }
        var overrides: [Environment.Key: String?] = [:]
        for (key, value) in environment {
            guard let name = Environment.Key(rawValue: key) else { continue }
            overrides[name] = value
        }
        let (pids, pidSink) = AsyncStream.makeStream(of: pid_t.self)
        let ending = Ending()
        let run = Task {
            defer { pidSink.finish() }
            do {
                let result = try await Subprocess.run(
                    .path(FilePath(path)),
                    arguments: Arguments(arguments),
                    environment: .inherit.updating(overrides),
                    platformOptions: options,
                    input: .fileDescriptor(input, closeAfterSpawningProcess: true),
                    output: .fileDescriptor(output, closeAfterSpawningProcess: true),
                    error: .fileDescriptor(error, closeAfterSpawningProcess: true)
                ) { execution in
                    pidSink.yield(execution.processIdentifier.value)
                }
                let status: Int32 =
                    switch result.terminationStatus {
                    case .exited(let code): code
                    case .signaled(let signal): 128 + signal
                    }
                ending.status.withLock { $0 = status }
            } catch {
                // A run that fails after the start still ends every wait: -1 is no status a process can exit with.
                ending.status.withLock { $0 = $0 ?? -1 }
                throw error
            }
        }
        for await pid in pids {
            return ChildProcess(pid: pid, ended: ending)
        }
        // The stream ended without a pid: the child never started, and the run says why.
        try await run.value
        throw ProcessRunnerError("cannot run \(path): swift-subprocess started nothing")
    }

    /// Opens `path` for a child's output: created (mode 0600) or truncated, closed on exec in this process.
    static func createOutput(_ path: String) throws -> FileDescriptor {
        try FileDescriptor.open(
            path,
            .writeOnly,
            options: [.create, .truncate, .closeOnExec],
            permissions: [.ownerReadWrite]
        )
    }

    /// The exit status, or nil while the child runs (-1 when swift-subprocess failed after starting it).
    public var status: Int32? { ended.status.withLock { $0 } }

    /// Waits up to `timeout` for the child to end: its exit status, or nil when it still runs at the deadline or
    /// the waiting task is cancelled.
    ///
    /// Polls, from every 5 ms up to every 50 ms: a suite waits for dozens of children at once, and short waits
    /// stay short.
    public func status(within timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        var pause = Duration.milliseconds(5)
        while true {
            if let status { return status }
            let now = ContinuousClock.now
            if now >= deadline { return nil }
            do { try await Task.sleep(for: min(pause, deadline - now)) } catch { return status }
            pause = min(pause * 2, .milliseconds(50))
        }
    }

    /// Sends `signal` to the child while it runs.
    public func signal(_ signal: Int32) {
        if status == nil { _ = kill(pid, signal) }
    }

    /// Sends `signal` to the child's process group (started with `newProcessGroup`).
    public func signalGroup(_ signal: Int32) {
        if status == nil { _ = kill(-pid, signal) }
    }

    /// Ends the child: TERM, then KILL when it still runs after `grace`; returns its status.
    @discardableResult
    public func terminate(grace: Duration = .seconds(2)) async -> Int32 {
        signal(SIGTERM)
        if let status = await status(within: grace) { return status }
        signal(SIGKILL)
        return await wait()
    }

    /// Waits for the child to end, however long that takes; returns its status.
    ///
    /// A cancelled wait kills the child (nothing waits for it any more) and returns once it is gone.
    public func wait() async -> Int32 {
        while !Task.isCancelled {
            if let status = await status(within: .seconds(60)) { return status }
        }
        signal(SIGKILL)
        while true {
            if let status { return status }
            await Task.yield()
        }
    }
}
