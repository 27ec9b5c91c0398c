extension TailScan {
    /// Whether the records that follow `head` up to the end of the file's good part extend it cleanly.
    ///
    /// The records are read backwards from the end (so the cost is the size of the extension, not of the log);
    /// they extend `head` cleanly when they are whole records that chain from `head` one to the next and were
    /// written by one of `runs` (when `runs` is `nil`, by any run). Otherwise the caller walks the whole log for
    /// the exact problem.
    /// - Parameters:
    ///   - head: the recorded head.
    ///   - runs: the runs allowed to have written records after it.
    ///   - file: the log.
    ///   - end: where the good part ends (the torn bytes' offset, or the file's size).
    /// - Returns: `true` when the records after `head` extend it cleanly.
    /// - Throws: ``AuditLogError`` when the log cannot be read.
    static func isCleanExtension(
        of head: AuditHead,
        by runs: Set<String>?,
        in file: LogFile,
        end: Int
    ) throws(AuditLogError) -> Bool {
        var chunk = 256 * 1024
        while true {
            let start = max(0, end - chunk)
            let buffer = try file.read(at: start, count: end - start)
            if let records = collect(after: head, in: buffer, isFileStart: start == 0) {
                var previous = head
                for (record, hash) in records {
                    guard record.seq == previous.seq + 1, record.prev == previous.hash,
                        runs?.contains(record.run) ?? true
                    else {
                        return false
                    }
                    previous = AuditHead(seq: record.seq, hash: hash)
                }
                return true
            }
            if start == 0 { return false }
            chunk *= 4
        }
    }

    /// The records after `head` in `buffer`, oldest first; `nil` when `buffer` does not reach back to `head` or
    /// holds a line that is not a record.
    private static func collect(
        after head: AuditHead,
        in buffer: [UInt8],
        isFileStart: Bool
    ) -> [(AuditRecord, String)]? {
        let newline = UInt8(ascii: "\n")
        var records: [(AuditRecord, String)] = []
        var lineEnd = buffer.count
        if buffer.last == newline { lineEnd -= 1 }
        while lineEnd > 0 {
            let lineStart: Int
            if let index = buffer[..<lineEnd].lastIndex(of: newline) {
                lineStart = index + 1
            } else if isFileStart {
                lineStart = 0
            } else {
                return nil
            }
            guard case .record(let record, let hash) = ParsedLine(buffer[lineStart..<lineEnd]) else { return nil }
            if record.seq == head.seq { return hash == head.hash ? records.reversed() : nil }
            if record.seq < head.seq { return nil }
            records.append((record, hash))
            if lineStart == 0 { break }
            lineEnd = lineStart - 1
        }
        // The start of the file: only an empty recorded head precedes the first record.
        return isFileStart && head.seq == 0 ? records.reversed() : nil
    }
}
