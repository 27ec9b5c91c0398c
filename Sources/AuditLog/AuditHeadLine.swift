import Foundation

/// A head line a run sent off the machine (`organizer-sync audit head run=ID seq=N sha256=HASH`), as found in a
/// journal export or the head file; the log must reach each one.
public struct AuditHeadLine: Sendable, Hashable {
    /// What every head line holds before its fields.
    public static let marker = "organizer-sync audit head"

    /// The run that sent it.
    public var run: String
    /// The head.
    public var head: AuditHead
    /// The line number in the file it was read from.
    public var line: Int

    /// The head lines in `text` (any line holding the marker; journal prefixes before it are ignored).
    /// - Returns: the head lines, and the numbers of lines holding the marker that could not be read.
    public static func parse(_ text: String) -> (heads: [AuditHeadLine], unreadable: [Int]) {
        var heads: [AuditHeadLine] = []
        var unreadable: [Int] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let range = line.range(of: marker) else { continue }
            var fields: [Substring: Substring] = [:]
            for field in line[range.upperBound...].split(separator: " ") {
                guard let equals = field.firstIndex(of: "=") else { continue }
                fields[field[..<equals]] = field[field.index(after: equals)...]
            }
            guard let run = fields["run"], let seq = fields["seq"], let hash = fields["sha256"],
                let head = AuditHead(parsing: "\(seq):\(hash)")
            else {
                unreadable.append(index + 1)
                continue
            }
            heads.append(AuditHeadLine(run: String(run), head: head, line: index + 1))
        }
        return (heads, unreadable)
    }
}
