import AuditLog
import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Synchronization

/// Logs and events for the audit log tests.
enum AuditLogFixtures {
    /// A clock that starts at 2025-03-01T09:00:00Z and moves one minute per reading.
    final class StepClock: Sendable {
        private let minutes = Mutex(0)
        let start = Date(timeIntervalSince1970: 1_740_819_600)

        var now: @Sendable () -> Date {
            { [self] in
                let minute = minutes.withLock { value in
                    defer { value += 1 }
                    return value
                }
                return start.addingTimeInterval(Double(minute) * 60)
            }
        }
    }

    static func runStart() -> AuditEvent.RunStart {
        AuditEvent.RunStart(
            user: "svc-sync",
            host: "sync01",
            command: "organizer-sync apply plan.json",
            toolVersion: "0.1.0",
            configDigest: String(repeating: "c", count: 64),
            planDigest: String(repeating: "d", count: 64)
        )
    }

    /// The change to account number `index`.
    static func change(_ index: Int, target: String = "zoom-prod", action: AuditAction = .update) -> AuditEvent.Change {
        AuditEvent.Change(
            target: target,
            provider: "zoom",
            action: action,
            email: "user\(index)@example.com",
            anchor: "anchor-\(index)",
            providerId: action == .create ? nil : "zoom-id-\(index)",
            before: action == .create ? nil : ["displayName": "User \(index)", "status": "active"],
            after: ["displayName": "User Number \(index)", "status": "active"],
            reasons: ["displayName differs from the directory"]
        )
    }

    /// Writes a run to `path`: run-start, an intent and a succeeded outcome per change, run-end.
    ///
    /// With 2 changes that is 6 records (lines). Returns the head after the run.
    @discardableResult
    static func writeRun(
        to path: String,
        run: String = "run-1",
        changes: Int,
        clock: StepClock = StepClock()
    )
        throws -> AuditHead
    {
        let writer = try AuditLogWriter.open(path: path, run: run, clock: clock.now)
        defer { writer.close() }
        try writer.append(.runStart(runStart()))
        for index in stride(from: 1, through: changes, by: 1) {
            let change = change(index)
            try writer.append(.intent(change))
            try writer.append(
                .outcome(.init(for: change, result: .succeeded, after: change.after, trackingId: "t-\(index)"))
            )
        }
        try writer.append(.runEnd(.init(counts: ["succeeded": changes], result: .succeeded)))
        return writer.head
    }

    /// The file's lines without their newlines (a last line without one included).
    static func lines(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Replaces the file's content by `lines`, each followed by a newline.
    static func write(_ lines: [String], to path: String) throws {
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Appends raw bytes to the file.
    static func append(_ text: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// Writes a run with one change to `path`, appends `tail` (a torn record, garbage), and opens the log again for
    /// `run-2`; returns the head before `tail` and the writer, which recovered what it found.
    static func reopen(_ path: String, after tail: String) throws -> (head: AuditHead, writer: AuditLogWriter) {
        let head = try writeRun(to: path, changes: 1)
        try append(tail, to: path)
        return (head, try AuditLogWriter.open(path: path, run: "run-2"))
    }

    /// Cuts the file to `size` bytes.
    static func truncate(_ path: String, to size: Int) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.truncate(atOffset: UInt64(size))
    }

    static func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
    }

    /// Runs `body` with a fresh log path in a temporary folder.
    static func withLogPath(_ body: (String) throws -> Void) throws {
        let folder = try TemporaryDirectory(prefix: "audit-log")
        defer { folder.remove() }
        try body(folder.url.appendingPathComponent("audit.jsonl").path)
    }
}
