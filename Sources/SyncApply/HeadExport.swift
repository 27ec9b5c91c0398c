public import AuditLog
import Foundation
public import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Sends each run's final audit head off the machine's state folder: to syslog (which journald collects), and
/// optionally appended to a file and piped to a command the administrator names.
///
/// The line is ``line(run:head:)``; `audit verify --against FILE` reads such lines back (from a journal export or
/// the head file) and checks that the log reaches every one. A failure to send is logged, never fatal: the run's
/// changes are made and recorded by then.
public struct HeadExport: Sendable {
    /// Send to syslog (ident `organizer-sync`, facility `LOG_USER`, priority `LOG_NOTICE`).
    public var toSyslog: Bool
    /// A file each line is appended to (created 0600).
    public var file: String?
    /// A shell command each line is piped to (on its standard input).
    public var command: String?
    /// Where failures are logged.
    public var logger: Logger?

    /// Makes an export; by default to syslog only.
    public init(toSyslog: Bool = true, file: String? = nil, command: String? = nil, logger: Logger? = nil) {
        self.toSyslog = toSyslog
        self.file = file
        self.command = command
        self.logger = logger
    }

    /// The line for `head` of `run`: `organizer-sync audit head run=ID seq=N sha256=HASH`.
    public static func line(run: String, head: AuditHead) -> String {
        "\(AuditHeadLine.marker) run=\(run) seq=\(head.seq) sha256=\(head.hash)"
    }

    /// Sends the line for `head` of `run` everywhere configured.
    public func send(run: String, head: AuditHead) {
        let line = Self.line(run: run, head: head)
        if toSyslog { Self.syslogLine(line) }
        if let file { append(line, to: file) }
        if let command { pipe(line, to: command) }
    }

    private static func syslogLine(_ line: String) {
        #if canImport(Glibc)
        // openlog keeps the ident pointer without copying it: a static string's bytes live in the binary for the
        // life of the process.
        let ident: StaticString = "organizer-sync"
        openlog(UnsafeRawPointer(ident.utf8Start).assumingMemoryBound(to: CChar.self), LOG_PID, LOG_USER)
        line.withCString { text in
            withVaList([text]) { vsyslog(LOG_NOTICE, "%s", $0) }
        }
        #endif
    }

    private func append(_ line: String, to path: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            logger?.warning("cannot append the audit head to \(path): \(String(cString: strerror(errno)))")
            return
        }
        defer { close(fd) }
        let bytes = Array((line + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written != bytes.count || fsync(fd) != 0 {
            logger?.warning("cannot append the audit head to \(path): \(String(cString: strerror(errno)))")
        }
    }

    private func pipe(_ line: String, to command: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        do {
            try process.run()
            input.fileHandleForWriting.write(Data((line + "\n").utf8))
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            if process.terminationStatus != 0 {
                logger?.warning("audit.head_command exited with status \(process.terminationStatus)")
            }
        } catch {
            logger?.warning("cannot run audit.head_command: \(error)")
        }
    }
}
