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
        /// The line number of ``lastRunStart``, counted from the end of the log (1 is the last line).
        public var lastRunStartLineFromEnd: Int?
    }

    /// Reads the end of the log at `path` back to its last `run-start` record (a missing file has no history).
    ///
    /// Costs the size of the last run's records, not of the log.
    /// - Parameter path: the log file.
    /// - Returns: the history.
    /// - Throws: ``AuditLogError`` (`cannotOpen`, `readFailed`).
    public static func history(path: String) throws(AuditLogError) -> History {
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
            let start = max(0, size - chunk)
            let buffer = try file.read(at: start, count: size - start)
            let newline = UInt8(ascii: "\n")
            var lineEnd = buffer.count
            if buffer.last == newline { lineEnd -= 1 }
            var fromEnd = 0
            while lineEnd > 0 {
                guard let index = buffer[..<lineEnd].lastIndex(of: newline) ?? (start == 0 ? -1 : nil) else { break }
                fromEnd += 1
                if case .record(let record, _) = ParsedLine(buffer[(index + 1)..<lineEnd]), record.type == .runStart {
                    history.lastRunStart = record
                    history.lastRunStartLineFromEnd = fromEnd
                    return history
                }
                lineEnd = index
            }
            if start == 0 { return history }
            chunk *= 4
        }
    }
}
