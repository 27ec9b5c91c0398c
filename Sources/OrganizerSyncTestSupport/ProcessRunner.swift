public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why `runProcess` could not produce a result.
public struct ProcessRunnerError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

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
/// waiting for end-of-file. Both are decoded as UTF-8 (invalid bytes become U+FFFD).
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
    let outURL = scratch.url.appendingPathComponent("stdout")
    let errURL = scratch.url.appendingPathComponent("stderr")
    let inURL = scratch.url.appendingPathComponent("stdin")
    let fileManager = FileManager.default
    guard fileManager.createFile(atPath: outURL.path, contents: nil),
          fileManager.createFile(atPath: errURL.path, contents: nil),
          fileManager.createFile(atPath: inURL.path, contents: stdin ?? Data())
    else {
        throw ProcessRunnerError("cannot create temporary files in \(scratch.url.path)")
    }
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    let inHandle = try FileHandle(forReadingFrom: inURL)
    defer {
        try? outHandle.close()
        try? errHandle.close()
        try? inHandle.close()
    }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = processEnvironment
    process.standardInput = inHandle
    process.standardOutput = outHandle
    process.standardError = errHandle
    do {
        try process.run()
    } catch {
        throw ProcessRunnerError("cannot run \(path): \(error)")
    }

    if let timeout {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            usleep(10_000)
        }
        if process.isRunning {
            process.terminate()
            let killDeadline = Date().addingTimeInterval(2)
            while process.isRunning && Date() < killDeadline {
                usleep(10_000)
            }
            if process.isRunning {
                _ = kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            let stderrText = (try? String(decoding: Data(contentsOf: errURL), as: UTF8.self)) ?? ""
            throw ProcessRunnerError(
                "\(path) \(arguments.joined(separator: " ")) did not finish within \(timeout) s; stderr: \(stderrText)"
            )
        }
    }
    process.waitUntilExit()

    let stdoutData = try Data(contentsOf: outURL)
    let stderrData = try Data(contentsOf: errURL)
    let status: Int32 = switch process.terminationReason {
    case .exit: process.terminationStatus
    case .uncaughtSignal: 128 + process.terminationStatus
    @unknown default: process.terminationStatus
    }
    return (status, String(decoding: stdoutData, as: UTF8.self), String(decoding: stderrData, as: UTF8.self))
}

/// The absolute path of `name`: itself when it contains a slash, else the first executable match
/// in `searchPath` followed by `/usr/sbin`, `/sbin` and `/usr/local/sbin`.
package func resolveExecutable(_ name: String, searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
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
