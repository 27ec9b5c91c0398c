public import AuditLog
import Foundation
import Reports

/// Renders an ``AuditLog/AuditReport`` as JSON (its documented shape), Markdown or one self-contained HTML page.
public enum AuditReportRenderer {
    /// The report as pretty-printed JSON with sorted keys and a final newline (`docs/audit-report.md`).
    public static func json(_ report: AuditReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    /// The report as Markdown, for a ticket or a pull request (every value escaped).
    public static func markdown(_ report: AuditReport) throws -> String {
        try renderer().render(AuditReportTemplates.markdown.name, AuditReportPage(report))
    }

    /// The report as one self-contained HTML page (every value escaped; no external resource).
    public static func html(_ report: AuditReport) throws -> String {
        try renderer().render(AuditReportTemplates.html.name, AuditReportPage(report))
    }

    private static func renderer() throws -> ReportRenderer {
        try ReportRenderer(templates: [AuditReportTemplates.html, AuditReportTemplates.markdown])
    }
}
