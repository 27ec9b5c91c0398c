import OrganizerSyncCore

/// The auditors' formats: CSV (RFC 4180) and a JSON array.
public enum AuditExport {
    /// The CSV columns, in order.
    ///
    /// `sha256` is the hash of the record's line (what the next record's `prev`
    /// holds), so a spreadsheet can be checked against the log.
    public static let csvColumns = [
        "seq", "time", "run", "type", "target", "provider", "action", "email", "anchor", "provider_id", "result",
        "error_code", "provider_code", "tracking_id", "http_status", "message", "reasons", "before", "after",
        "counts", "user", "host", "command", "tool_version", "config_digest", "plan_digest", "torn_line",
        "torn_bytes", "torn_sha256", "prev", "sha256",
    ]

    /// CSV of `entries`: a header row, then one row per record.
    ///
    /// Lines end in CRLF; a cell holding a comma, a double quote, CR or LF is quoted, with its quotes doubled
    /// (RFC 4180). `reasons`, `before`, `after` and `counts` are
    /// compact JSON (keys sorted) in their cells; absent values are empty cells.
    /// Cells that a spreadsheet would evaluate as a formula are prefixed with `'` (see ``neutralised(_:)``) unless
    /// `raw` is set.
    /// - Parameters:
    ///   - entries: the records.
    ///   - raw: keep every cell exactly as recorded (`audit export --raw`).
    /// - Returns: the CSV text.
    public static func csv(_ entries: [AuditEntry], raw: Bool = false) -> String {
        var text = csvRow(csvColumns)
        for entry in entries {
            text += csvRow(raw ? cells(entry) : cells(entry).map(neutralised))
        }
        return text
    }

    /// A JSON array of the records: each element is the record's exact line, one per line.
    /// - Parameter entries: the records.
    /// - Returns: the JSON text, ending in a newline.
    public static func json(_ entries: [AuditEntry]) -> String {
        guard !entries.isEmpty else { return "[]\n" }
        return "[\n" + entries.map(\.text).joined(separator: ",\n") + "\n]\n"
    }

    /// One CSV row, CRLF-terminated.
    /// - Parameter cells: the cells.
    /// - Returns: the row.
    public static func csvRow(_ cells: [String]) -> String {
        cells.map(csvCell).joined(separator: ",") + "\r\n"
    }

    /// A cell, quoted when it must be (RFC 4180 section 2, rules 6 and 7).
    static func csvCell(_ value: String) -> String {
        let needsQuotes = value.utf8.contains {
            $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
        }
        guard needsQuotes else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }

    private static func cells(_ entry: AuditEntry) -> [String] {
        let record = entry.record
        func json(_ bytes: [UInt8]?) -> String { bytes.map { String(decoding: $0, as: UTF8.self) } ?? "" }
        return [
            String(record.seq), record.time, record.run, record.type.rawValue, record.target ?? "",
            record.provider ?? "", record.action?.rawValue ?? "", record.email ?? "", record.anchor ?? "",
            record.providerId ?? "", record.result?.rawValue ?? "", record.errorCode ?? "", record.providerCode ?? "",
            record.trackingId ?? "", record.httpStatus.map(String.init) ?? "", record.message ?? "",
            json(record.reasons.map(JSONText.array)), json(record.before.map(JSONText.object)),
            json(record.after.map(JSONText.object)), json(record.counts.map(JSONText.object)), record.user ?? "",
            record.host ?? "", record.command ?? "", record.toolVersion ?? "", record.configDigest ?? "",
            record.planDigest ?? "", record.tornLine.map(String.init) ?? "", record.tornBytes.map(String.init) ?? "",
            record.tornSHA256 ?? "", record.prev, entry.hash,
        ]
    }
}
