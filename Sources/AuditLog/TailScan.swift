/// What the end of a log file holds: the last good record and whatever follows it.
///
/// Found by reading backwards from the end in growing chunks (64 KiB, then four times more each round) until the
/// last line that is a record appears, so opening a log costs the size of its tail, not of the whole file. Only
/// when the tail is torn is the whole file read, to count the lines before the torn bytes (a fast newline count).
struct TailScan {
    /// The last good record's seq and hash; ``AuditHead/empty`` when there is none.
    var head: AuditHead = .empty
    /// The last good record ends the file without a newline (the record is whole; only its newline is missing).
    var isMissingNewline = false
    /// Where the bytes after the last good record start (the file's size when there are none).
    var tornOffset: Int
    /// The bytes after the last good record's newline: a torn write or garbage.
    ///
    /// Empty when the tail is clean.
    var tornBytes: [UInt8] = []

    /// Scans `file`, whose size is `size`.
    init(_ file: LogFile, size: Int) throws(AuditLogError) {
        tornOffset = size
        guard size > 0 else { return }
        var chunk = 64 * 1024
        while true {
            let start = max(0, size - chunk)
            let buffer = try file.read(at: start, count: size - start)
            if try find(in: buffer, start: start, size: size, file: file) { return }
            chunk *= 4
        }
    }

    /// Looks for the last good record in `buffer` (the bytes from `start` to the end of the file).
    ///
    /// Returns false when more of the file is needed.
    private mutating func find(in buffer: [UInt8], start: Int, size: Int, file: LogFile) throws(AuditLogError) -> Bool {
        let newline = UInt8(ascii: "\n")
        var lineEnd = buffer.count
        if buffer.last == newline { lineEnd -= 1 }
        while true {
            let lineStart: Int
            if let index = buffer[..<lineEnd].lastIndex(of: newline) {
                lineStart = index + 1
            } else if start == 0 {
                lineStart = 0
            } else {
                return false
            }
            if case .record(let record, let hash) = ParsedLine(buffer[lineStart..<lineEnd]) {
                head = AuditHead(seq: record.seq, hash: hash)
                if lineEnd == buffer.count {
                    isMissingNewline = true
                } else {
                    tornOffset = start + lineEnd + 1
                    tornBytes = Array(buffer[(lineEnd + 1)...])
                }
                return true
            }
            if lineStart == 0 {
                // No record at all: everything is torn.
                tornOffset = start
                tornBytes = buffer
                return true
            }
            lineEnd = lineStart - 1
        }
    }

    /// The line number of the first torn line: the newlines before ``tornOffset``, plus one.
    func tornLineNumber(in file: LogFile) throws(AuditLogError) -> Int {
        var newlines = 0
        var offset = 0
        let chunk = 1 << 20
        while offset < tornOffset {
            let bytes = try file.read(at: offset, count: min(chunk, tornOffset - offset))
            guard !bytes.isEmpty else { break }
            for byte in bytes where byte == UInt8(ascii: "\n") { newlines += 1 }
            offset += bytes.count
        }
        return newlines + 1
    }
}
