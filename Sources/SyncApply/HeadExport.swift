public import AuditLog
import Foundation
public import Logging
import Subprocess
import SystemPackage

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
    /// A shell command each line is piped to (on its standard input; its output and errors go to ours).
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

    /// Sends the line for `head` of `run` everywhere configured; returns once the command (if any) has ended.
    public func send(run: String, head: AuditHead) async {
        let line = Self.line(run: run, head: head)
        if toSyslog { Self.syslogLine(line) }
        if let file { append(line, to: file) }
        if let command { await pipe(line, to: command) }
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

    /// Runs `command` with `/bin/sh -c` (swift-subprocess: the child gets default signal handlers and an empty
    /// signal mask), the line on its standard input, and waits for it.
    ///
    /// The command's text is never logged: an
    /// administrator may have put a token in it.
    private func pipe(_ line: String, to command: String) async {
        do {
            // Owned here and closed when the command has ended.
            let input = try Self.inputFile(holding: line + "\n")
            defer { try? input.close() }
            let result = try await Subprocess.run(
                .path("/bin/sh"),
                arguments: ["-c", command],
                input: .fileDescriptor(input, closeAfterSpawningProcess: false),
                output: .currentStandardOutput,
                error: .currentStandardError
            )
            switch result.terminationStatus {
            case .exited(0): break
            case .exited(let code): logger?.warning("audit.head_command exited with status \(code)")
            case .signaled(let signal): logger?.warning("audit.head_command was ended by signal \(signal)")
            }
        } catch {
            logger?.warning("cannot run audit.head_command: \(error)")
        }
    }

    /// An unlinked temporary file holding `text`, positioned at its start: the command's standard input.
    ///
    /// A file, not
    /// a pipe: a command that exits without reading its input (`exit 3`, a typo) cannot make a write fail with
    /// SIGPIPE, which would end this process in the middle of a run. The caller owns and closes the descriptor.
    private static func inputFile(holding text: String) throws -> FileDescriptor {
        var template = Array((NSTemporaryDirectory() + "/organizer-sync-head.XXXXXX").utf8CString)
        // A non-empty array's buffer always has a base address; -1 stands for "no descriptor" either way.
        let fd = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw Errno(rawValue: errno) }
        let descriptor = FileDescriptor(rawValue: fd)
        do {
            _ = template.withUnsafeBufferPointer { $0.baseAddress.map { unlink($0) } }
            _ = try descriptor.writeAll(Array(text.utf8))
            _ = try descriptor.seek(offset: 0, from: .start)
        } catch {
            try? descriptor.close()
            throw error
        }
        return descriptor
    }
}
