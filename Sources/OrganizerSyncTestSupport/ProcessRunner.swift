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
/// - `environment` is merged over the current process environment (a key given here wins).
/// - `stdin` is fed to the process; without it the process reads an empty stdin.
/// - `timeout`: the process is terminated (TERM, then KILL after 2 s) and an error thrown when it
///   runs longer. `nil` waits for ever.
///
/// The child is a ``ChildProcess`` (swift-subprocess, output to files). Both outputs are decoded as UTF-8 (invalid
/// bytes become U+FFFD). `status` is the exit code, or 128 + the signal number when a signal ended the process.
public func runProcess(
    _ executable: String,
    _ arguments: [String],
    environment: [String: String] = [:],
    stdin: Data? = nil,
    timeout: TimeInterval? = nil
) async throws -> (status: Int32, stdout: String, stderr: String) {
    let searchPath = environment["PATH"] ?? ProcessInfo.processInfo.environment["PATH"]
    guard let path = resolveExecutable(executable, searchPath: searchPath) else {
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
    func read(_ path: String) -> String {
        String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data(), as: UTF8.self)
    }
    let child = try await ChildProcess.start(
        path,
        arguments,
        environment: environment,
        stdinPath: inPath,
        stdoutPath: outPath,
        stderrPath: errPath
    )
    let status: Int32
    if let timeout {
        guard let ended = await child.status(within: .seconds(timeout)) else {
            await child.terminate()
            throw ProcessRunnerError(
                "\(path) \(arguments.joined(separator: " ")) did not finish within \(timeout) s; stderr: \(read(errPath))"
            )
        }
        status = ended
    } else {
        status = await child.wait()
    }
    return (status, read(outPath), read(errPath))
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
