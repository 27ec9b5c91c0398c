import Foundation

/// What one line of a log file turned out to be.
enum ParsedLine: Sendable {
    /// A record; `hash` is the SHA-256 of the line's bytes.
    case record(AuditRecord, hash: String)
    /// JSON, but not a record (a key missing or of the wrong type, an unknown type or action).
    case malformed(reason: String)
    /// Not JSON at all: a torn write or garbage.
    case unparseable

    /// Parses `bytes` (one line without its newline).
    init(_ bytes: some DataProtocol) {
        self.init(bytes, scanning: true)
    }

    /// Parses `bytes`; with `scanning` false, through `JSONDecoder` only (what the scanner is checked against).
    init(_ bytes: some DataProtocol, scanning: Bool) {
        let data = Data(bytes)
        // The lines organizer-sync writes read without JSONDecoder; any other line is decoded by it, as before.
        if scanning, let record = data.withUnsafeBytes(AuditRecord.scanned) {
            self = .record(record, hash: AuditRecord.hash(ofLine: data))
            return
        }
        do {
            let record = try ParsedLine.decoder.decode(AuditRecord.self, from: data)
            self = .record(record, hash: AuditRecord.hash(ofLine: data))
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            self = .unparseable
        } catch let error as DecodingError {
            self = .malformed(reason: ParsedLine.describe(error))
        } catch {
            self = .unparseable
        }
    }

    /// The record, if the line is one.
    var record: AuditRecord? {
        if case .record(let record, _) = self { return record }
        return nil
    }

    /// The line's hash, if the line is a record.
    var hash: String? {
        if case .record(_, let hash) = self { return hash }
        return nil
    }

    /// A decoder is cheap to share: `decode` keeps no state between calls.
    private static let decoder = JSONDecoder()

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, _): return "the key \(key.stringValue) is missing"
        case .typeMismatch(_, let context):
            return "\(path(context).isEmpty ? "the line" : path(context)) has the wrong type"
        case .valueNotFound(_, let context): return "\(path(context)) is null"
        case .dataCorrupted(let context): return "\(path(context)) has a value that is not allowed"
        @unknown default: return "not a record"
        }
    }
}
