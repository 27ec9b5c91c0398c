import AuditLog
import Foundation
import OrganizerSyncTestSupport
import SyncApply
import Testing

@Suite("HeadExport: the audit head to a file and to audit.head_command")
struct HeadExportTests {
    static let head = AuditHead(seq: 42, hash: String(repeating: "ab", count: 32))

    @Test("audit.head_command gets the head line on its standard input, and send waits for it to end")
    func commandGetsTheLine() async throws {
        let folder = try TemporaryDirectory(prefix: "head-export")
        defer { folder.remove() }
        let received = folder.path + "/received"
        // Slow on purpose: send must not return before the command has written the line.
        let command = "sleep 0.2; cat > '\(received)'; echo done >> '\(received)'"
        await HeadExport(toSyslog: false, command: command).send(run: "run-1", head: Self.head)
        let text = try String(contentsOfFile: received, encoding: .utf8)
        #expect(text == HeadExport.line(run: "run-1", head: Self.head) + "\ndone\n")
        #expect(text.hasPrefix("organizer-sync audit head run=run-1 seq=42 sha256=abab"))
    }

    @Test("A failing or missing command is logged, never fatal; the file still gets the line")
    func failingCommand() async throws {
        let folder = try TemporaryDirectory(prefix: "head-export")
        defer { folder.remove() }
        let file = folder.path + "/heads"
        for command in ["exit 3", "kill -TERM $$", "/nonexistent/program"] {
            await HeadExport(toSyslog: false, file: file, command: command).send(run: "run-2", head: Self.head)
        }
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0 == HeadExport.line(run: "run-2", head: Self.head) })
    }
}
