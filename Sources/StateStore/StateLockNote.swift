import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The note a ``StateLock`` holder writes into the lock file: three `key=value` lines.
///
/// ```
/// pid=1234
/// since=2026-11-23T21:40:00Z
/// command=organizer-sync apply plan.json
/// ```
enum StateLockNote {
    /// Replaces the file's content with this process's note.
    static func write(_ fd: Int32, command: String) {
        let oneLine = String(command.map { $0.isNewline || $0 == "\0" ? " " : $0 }.prefix(1_000))
        let note = "pid=\(getpid())\nsince=\(Date().formatted(.iso8601))\ncommand=\(oneLine)\n"
        _ = ftruncate(fd, 0)
        let bytes = Array(note.utf8)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// Reads the holder's note; the parts it lacks are `nil`.
    static func read(_ fd: Int32) -> StateLockError.Holder {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return StateLockError.Holder(pid: nil, command: nil, since: nil) }
        var values: [String: String] = [:]
        for line in String(decoding: buffer[..<count], as: UTF8.self).split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return StateLockError.Holder(
            pid: values["pid"].flatMap { Int32($0) },
            command: values["command"].flatMap { $0.isEmpty ? nil : $0 },
            since: values["since"].flatMap { $0.isEmpty ? nil : $0 }
        )
    }
}
