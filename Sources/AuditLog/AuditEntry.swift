/// A record read from a log file, with where it was and its exact line.
public struct AuditEntry: Sendable, Hashable {
    /// The 1-based line number.
    public var line: Int
    /// The record.
    public var record: AuditRecord
    /// The line's exact text (without the newline), as the chain hashes it.
    public var text: String
    /// Lower-case hex SHA-256 of the line.
    public var hash: String

    /// Makes an entry.
    public init(line: Int, record: AuditRecord, text: String, hash: String) {
        self.line = line
        self.record = record
        self.text = text
        self.hash = hash
    }
}
