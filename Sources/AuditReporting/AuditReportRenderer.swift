public import AuditLog
import Foundation

/// Renders an ``AuditLog/AuditReport`` as JSON (its documented shape), Markdown or one self-contained HTML page.
public enum AuditReportRenderer {
    /// The report as pretty-printed JSON with sorted keys and a final newline (`docs/audit-report.md`).
    public static func json(_ report: AuditReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }
}
