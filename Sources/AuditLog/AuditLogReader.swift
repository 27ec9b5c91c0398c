/// Reads the records of a log for display and export, whether or not its chain verifies: lines that are not
/// records are counted and skipped (``AuditVerifier`` is what judges the chain).
public enum AuditLogReader {
    /// What a read found.
    public struct Contents: Sendable, Hashable {
        /// The matching records, in file order.
        public var entries: [AuditEntry]
        /// The records read (matching or not).
        public var recordCount: Int
        /// The line numbers of lines that are not records (torn writes, garbage, malformed).
        public var unreadableLines: [Int]
    }

    /// Reads `path` and keeps the records `query` matches.
    /// - Parameters:
    ///   - path: the log file.
    ///   - query: which records to keep.
    /// - Returns: the matching records and what was skipped.
    /// - Throws: ``AuditLogError`` (`notFound`, `cannotOpen`, `readFailed`).
    public static func read(path: String, matching query: AuditQuery = AuditQuery()) throws(AuditLogError) -> Contents {
        var reader = try LineReader(path: path)
        defer { reader.close() }
        var contents = Contents(entries: [], recordCount: 0, unreadableLines: [])
        while let line = try reader.next() {
            guard case .record(let record, let hash) = ParsedLine(line.bytes) else {
                contents.unreadableLines.append(line.number)
                continue
            }
            contents.recordCount += 1
            if query.matches(record) {
                contents.entries.append(
                    AuditEntry(
                        line: line.number,
                        record: record,
                        text: String(decoding: line.bytes, as: UTF8.self),
                        hash: hash
                    )
                )
            }
        }
        return contents
    }
}
