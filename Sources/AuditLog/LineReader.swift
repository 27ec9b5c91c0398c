/// One line of a log file.
struct LogLine {
    /// 1-based line number.
    var number: Int
    /// The bytes without the newline.
    var bytes: [UInt8]
    /// Whether a newline ended the line (only the file's last line can lack one).
    var isTerminated: Bool
}

/// Reads a file line by line in 1 MiB chunks, so memory stays flat whatever the file's size.
///
/// Owns its descriptor: it is closed by ``close()`` (the verifier and the reader call it when done).
struct LineReader {
    private let file: LogFile
    private var buffer: [UInt8] = []
    private var position = 0
    private var isAtEnd = false
    private var number = 0
    /// Bytes left to read before the limit (`Int.max` without one).
    private var remaining: Int

    /// Opens `path`; with `limit`, the file is read as if it ended after that many bytes.
    init(path: String, limit: Int? = nil) throws(AuditLogError) {
        file = try LogFile.openForReading(path)
        remaining = limit ?? Int.max
    }

    /// The next line, or `nil` at the end of the file.
    mutating func next() throws(AuditLogError) -> LogLine? {
        let newline = UInt8(ascii: "\n")
        while true {
            if let index = buffer[position...].firstIndex(of: newline) {
                let line = Array(buffer[position..<index])
                position = index + 1
                number += 1
                return LogLine(number: number, bytes: line, isTerminated: true)
            }
            if isAtEnd {
                guard position < buffer.count else { return nil }
                let line = Array(buffer[position...])
                position = buffer.count
                number += 1
                return LogLine(number: number, bytes: line, isTerminated: false)
            }
            buffer.removeFirst(position)
            position = 0
            let chunk = try file.readNext(upTo: min(1 << 20, remaining))
            remaining -= chunk.count
            if chunk.isEmpty { isAtEnd = true } else { buffer += chunk }
        }
    }

    /// Closes the file.
    func close() {
        closeDescriptor(file.fd)
    }
}
