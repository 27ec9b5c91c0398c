#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AuditLogReader {
    /// The records after `head` (seq greater than the head's), oldest first, read backwards from the end of the
    /// log so that the cost is the size of what follows the head, not of the log.
    ///
    /// Lines that are not records (torn
    /// bytes a crash left, sealed since) are passed over: the caller has already checked the chain.
    /// - Parameters:
    ///   - head: where to start: the head the state store recorded.
    ///   - path: the log.
    /// - Returns: the records after `head`; empty when the log ends at `head`.
    /// - Throws: ``AuditLogError`` when the log cannot be opened or read.
    public static func records(after head: AuditHead, path: String) throws(AuditLogError) -> [AuditRecord] {
        let file = try LogFile.openForReading(path)
        let end = Int(try file.status().st_size)
        let newline = UInt8(ascii: "\n")
        var chunk = 256 * 1024
        while true {
            let start = max(0, end - chunk)
            let buffer = try file.read(at: start, count: end - start)
            var found: [AuditRecord] = []
            var lineEnd = buffer.count
            var reachedHead = false
            while lineEnd > 0 {
                // The first line of a chunk that does not start the file may be cut: read a bigger chunk.
                guard let index = buffer[..<lineEnd].lastIndex(of: newline) ?? (start == 0 ? -1 : nil) else { break }
                if case .record(let record, _) = ParsedLine(buffer[(index + 1)..<lineEnd]) {
                    if record.seq <= head.seq {
                        reachedHead = true
                        break
                    }
                    found.append(record)
                }
                lineEnd = index
            }
            if reachedHead || start == 0 { return found.reversed() }
            chunk *= 4
        }
    }
}
