#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AuditLogReader {
    /// What a log says about the runs that wrote it, read from its end.
    public struct History: Sendable, Hashable {
        /// Whether the file exists and holds at least one record.
        public var hasRecords: Bool
        /// The last record's seq and hash.
        public var head: AuditHead
        /// The last `run-start` record, if any.
        public var lastRunStart: AuditRecord?
    }

    /// Reads the end of the log at `path` back to its last `run-start` record (a missing file has no history).
    ///
    /// Costs the size of the last run's records, not of the log.
    /// - Parameter path: the log file.
    /// - Returns: the history.
    /// - Throws: ``AuditLogError`` (`cannotOpen`, `readFailed`).
    public static func history(path: String) throws(AuditLogError) -> History {
        let runStartType = Array(#""type":"run-start""#.utf8)
        let file: LogFile
        do throws(AuditLogError) {
            file = try LogFile.openForReading(path)
        } catch  where error.code == .notFound {
            return History(hasRecords: false, head: .empty)
        }
        defer { closeDescriptor(file.fd) }
        let size = Int(try file.status().st_size)
        let tail = try TailScan(file, size: size)
        var history = History(hasRecords: tail.head.seq > 0, head: tail.head)
        guard history.hasRecords else { return history }
        var chunk = 256 * 1024
        while true {
            let begin = max(0, size - chunk)
            let buffer = try file.read(at: begin, count: size - begin)
            // Only lines holding the run-start type (the writer's sorted keys write it so) are decoded, found by
            // memmem at C speed from the end backwards.
            var limit = buffer.count
            while let position = lastOccurrence(of: runStartType, in: buffer, before: limit) {
                let newline = UInt8(ascii: "\n")
                let lineStart = buffer[..<position].lastIndex(of: newline).map { $0 + 1 } ?? 0
                let lineEnd = buffer[position...].firstIndex(of: newline) ?? buffer.count
                if lineStart > 0 || begin == 0, case .record(let record, _) = ParsedLine(buffer[lineStart..<lineEnd]),
                    record.type == .runStart
                {
                    history.lastRunStart = record
                    return history
                }
                limit = lineStart == 0 ? 0 : lineStart - 1
            }
            if begin == 0 { return history }
            chunk *= 4
        }
    }

    /// Where the last occurrence of `needle` in `buffer[..<limit]` starts (`memchr` on its first byte, then
    /// `memcmp`: C speed, whatever the build).
    private static func lastOccurrence(of needle: [UInt8], in buffer: [UInt8], before limit: Int) -> Int? {
        var found: Int?
        buffer.withUnsafeBytes { bytes in
            needle.withUnsafeBytes { pattern in
                guard let base = bytes.baseAddress, let target = pattern.baseAddress, let first = needle.first else {
                    return
                }
                var from = 0
                while from + needle.count <= limit, let hit = memchr(base + from, Int32(first), limit - from) {
                    let index = base.distance(to: UnsafeRawPointer(hit))
                    if index + needle.count <= limit, memcmp(hit, target, needle.count) == 0 { found = index }
                    from = index + 1
                }
            }
        }
        return found
    }
}
