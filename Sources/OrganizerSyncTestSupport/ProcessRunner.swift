public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `executable` with `arguments`, waits for it and returns its exit status and output.
///
/// - `executable` is a path, or a bare name looked up in `PATH` (and in `/usr/sbin` and `/sbin`,
///   where Debian keeps `slapd` and `slapadd`).
/// - `environment` is merged over the current process environment (a key given here wins);
///   `nil` passes the environment on unchanged.
/// - `stdin` is fed to the process; without it the process reads an empty stdin.
/// - `timeout`: the process is terminated (TERM, then KILL after 2 s) and an error thrown when it
///   runs longer. `nil` waits for ever.
///
/// stdout and stderr go to temporary files, not pipes: a child that writes a lot to both cannot
/// deadlock against us, and a daemon it leaves behind holding the descriptors cannot keep us
/// waiting for end-of-file. The call blocks the calling thread until the process ends. Both are decoded as UTF-8 (invalid bytes become U+FFFD).
/// `status` is the exit code, or 128 + the signal number when a signal ended the process.
public func runProcess(
    _ executable: String,
    _ arguments: [String],
    environment: [String: String]? = nil,
    stdin: Data? = nil,
    timeout: TimeInterval? = nil
) throws -> (status: Int32, stdout: String, stderr: String) {
    var processEnvironment = ProcessInfo.processInfo.environment
    if let environment {
        processEnvironment.merge(environment) { _, new in new }
    }
    guard let path = resolveExecutable(executable, searchPath: processEnvironment["PATH"]) else {
        throw ProcessRunnerError("cannot run \(executable): not found in PATH, /usr/sbin or /sbin")
    }

    let scratch = try TemporaryDirectory(prefix: "run-process")
    defer { scratch.remove() }
    let outPath = scratch.url.appendingPathComponent("stdout").path
    let errPath = scratch.url.appendingPathComponent("stderr").path
    let inPath = scratch.url.appendingPathComponent("stdin").path
    guard FileManager.default.createFile(atPath: inPath, contents: stdin ?? Data()) else {
        throw ProcessRunnerError("cannot create temporary files in \(scratch.url.path)")
    }

    let pid = try spawn(
        path: path,
        arguments: [path] + arguments,
        environment: processEnvironment.map { "\($0.key)=\($0.value)" },
        stdinPath: inPath,
        stdoutPath: outPath,
        stderrPath: errPath
    )

    let status: Int32
    if let timeout {
        if let exited = try waitForExit(pid, timeout: timeout) {
            status = exited
        } else {
            _ = kill(pid, SIGTERM)
            if try waitForExit(pid, timeout: 2) == nil {
                _ = kill(pid, SIGKILL)
                var waitStatus: Int32 = 0
                _ = try reap(pid, &waitStatus, block: true)
            }
            let stderrText = String(
                decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(),
                as: UTF8.self
            )
            throw ProcessRunnerError(
                "\(path) \(arguments.joined(separator: " ")) did not finish within \(timeout) s; stderr: \(stderrText)"
            )
        }
    } else {
        var waitStatus: Int32 = 0
        _ = try reap(pid, &waitStatus, block: true)
        status = exitCode(waitStatus: waitStatus)
    }

    let stdoutData = try Data(contentsOf: URL(fileURLWithPath: outPath))
    let stderrData = try Data(contentsOf: URL(fileURLWithPath: errPath))
    return (status, String(decoding: stdoutData, as: UTF8.self), String(decoding: stderrData, as: UTF8.self))
}

/// The exit code in a waitpid status, or 128 + the signal number when a signal ended the process (what
/// WIFEXITED / WEXITSTATUS / WTERMSIG say; they are macros Swift cannot import).
public func exitCode(waitStatus: Int32) -> Int32 {
    let signal = waitStatus & 0x7f
    return signal == 0 ? (waitStatus >> 8) & 0xff : 128 + signal
}

/// posix_spawn rather than Foundation's `Process`: with several processes started from
/// concurrent tests, `Process` (swift-corelibs-foundation) was seen to never notice a child's
/// exit (it stayed a zombie and `waitUntilExit` hung), and children inherited a signal mask
/// that blocked SIGTERM, so a slapd started through them ignored `stop.sh`.
///
/// Here the child
/// gets an empty signal mask, default signal handlers and no descriptor but 0, 1 and 2 (and the
/// `inheritedDescriptors`), and we reap it with waitpid.
///
/// For callers that need the pid (to wait without blocking a thread, or to kill the child); the caller
/// reaps it with waitpid. `stdoutPath` and `stderrPath` are created (mode 0600) or truncated.
/// `inheritedDescriptors` maps a descriptor of ours to the number the child sees it as (3, 4, … without gaps:
/// everything above the highest is closed in the child; the caller keeps and closes its own);
/// `newProcessGroup` makes the child lead a process group of its own, so `kill(-pid, …)` reaches its children.
public func spawn(
    path: String,
    arguments: [String],
    environment: [String],
    stdinPath: String,
    stdoutPath: String,
    stderrPath: String,
    inheritedDescriptors: [(ours: Int32, child: Int32)] = [],
    newProcessGroup: Bool = false
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

    posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    for descriptor in inheritedDescriptors {
        posix_spawn_file_actions_adddup2(&actions, descriptor.ours, descriptor.child)
    }
    // Nothing but 0, 1, 2 and the inherited descriptors reaches the child: a daemon a test starts (samba, slapd)
    // must not hold a descriptor of ours that is not close-on-exec, such as a pipe a CI harness waits on for
    // end-of-file. The actions run in order, so the inherited ones are in place before the rest is closed.
    let firstClosed = (inheritedDescriptors.map(\.child).max() ?? 2) + 1
    if let closeFrom = closeFromAction {
        _ = closeFrom(&actions, max(3, firstClosed))
    }

    var emptyMask = sigset_t()
    sigemptyset(&emptyMask)
    posix_spawnattr_setsigmask(&attributes, &emptyMask)
    var defaultSignals = sigset_t()
    sigemptyset(&defaultSignals)
    for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGQUIT, SIGUSR1, SIGUSR2] {
        sigaddset(&defaultSignals, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
    var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
    if newProcessGroup {
        posix_spawnattr_setpgroup(&attributes, 0)
        flags |= POSIX_SPAWN_SETPGROUP
    }
    posix_spawnattr_setflags(&attributes, Int16(flags))

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

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run time: Swift's Glibc
/// module does not import it.
///
/// Nil where the C library lacks it.
private let closeFromAction: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
    #if canImport(Glibc)
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
        return nil
    }
    return unsafeBitCast(
        symbol,
        to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self
    )
    #else
    return nil
    #endif
}()

/// Waits up to `timeout` seconds for the child `pid` to end, and reaps it: its exit code (as
/// `exitCode(waitStatus:)` gives it), or nil when it is still running at the deadline (not reaped then).
public func waitForExit(_ pid: pid_t, timeout: TimeInterval) throws -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    var status: Int32 = 0
    while true {
        if try reap(pid, &status, block: false) { return exitCode(waitStatus: status) }
        if Date() >= deadline { return nil }
        usleep(5_000)
    }
}

/// waitpid for `pid`; true once it has exited (and `status` holds its wait status).
func reap(_ pid: pid_t, _ status: inout Int32, block: Bool) throws -> Bool {
    while true {
        let result = waitpid(pid, &status, block ? 0 : WNOHANG)
        if result == pid { return true }
        if result == 0 { return false }
        if errno == EINTR { continue }
        throw ProcessRunnerError("waitpid(\(pid)) failed: \(String(cString: strerror(errno)))")
    }
}

/// The absolute path of `name`: itself when it contains a slash, else the first executable match
/// in `searchPath` followed by `/usr/sbin`, `/sbin` and `/usr/local/sbin`.
package func resolveExecutable(
    _ name: String,
    searchPath: String? = ProcessInfo.processInfo.environment["PATH"]
) -> String? {
    let fileManager = FileManager.default
    if name.contains("/") {
        return fileManager.isExecutableFile(atPath: name) ? name : nil
    }
    var directories = (searchPath ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    directories += ["/usr/sbin", "/sbin", "/usr/local/sbin"]
    for directory in directories where !directory.isEmpty {
        let candidate = directory + "/" + name
        if fileManager.isExecutableFile(atPath: candidate) {
            return candidate
        }
    }
    return nil
}

/// Whether a TCP connection to `host` (an IPv4 address such as "127.0.0.1") and `port` succeeds.
public func canConnect(host: String, port: Int) -> Bool {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = sockaddr_in()
    #if canImport(Darwin)
    address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
    #endif
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return false }
    let result = withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    return result == 0
}
