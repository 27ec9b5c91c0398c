/// The last record of a log: its seq and the SHA-256 of its line.
///
/// An empty log's head is seq 0 and 64 zeros.
///
/// The state store keeps the head after every run, so that ``AuditVerifier`` can tell when trailing records were
/// cut off or the last record was edited, which the chain alone cannot show.
public struct AuditHead: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The seq of the last record (0 for an empty log).
    public var seq: Int
    /// Lower-case hex SHA-256 of the last record's line without its newline (64 zeros for an empty log).
    public var hash: String

    /// Makes a head.
    public init(seq: Int, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// The head of an empty log, and the `prev` of the first record: 64 zeros.
    public static let zeroHash = String(repeating: "0", count: 64)

    /// The head of an empty log.
    public static let empty = AuditHead(seq: 0, hash: zeroHash)

    /// Reads `SEQ:HASH` (as ``description`` writes it); `nil` when the text is not of that form.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int(parts[0]), seq >= 0 else { return nil }
        let hash = parts[1].lowercased()
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            return nil
        }
        self.init(seq: seq, hash: hash)
    }

    /// `SEQ:HASH`.
    public var description: String { "\(seq):\(hash)" }
}
