import Reports
import SyncPlanning

/// Renders a plan for a change ticket or a pull request: Markdown, or one self-contained HTML page.
///
/// Summary figures first, then creates, updates (before → after per field), reactivations, suspensions,
/// deletions, the gates tripped, conflicts and the accounts left alone, with the seal digest and the signing
/// key. Everything comes from the plan's data through templates; every value is escaped.
public struct PlanReviewRenderer: Sendable {
    /// The formats a plan renders to for review.
    public enum Format: String, Sendable, CaseIterable {
        case markdown, html
    }

    private let renderer: ReportRenderer

    /// - Throws: ``Reports/ReportError`` when a template is broken (a bug: the templates are constants).
    public init() throws {
        renderer = try ReportRenderer(templates: [
            PlanReviewTemplates.html, PlanReviewTemplates.actions, PlanReviewTemplates.markdown,
            PlanReviewTemplates.markdownActions,
        ])
    }

    /// The page for `review`.
    /// - Parameters:
    ///   - review: The plan as a reviewer reads it.
    ///   - format: Markdown or HTML.
    /// - Returns: The document.
    /// - Throws: The template engine's error when a template does not render (a bug, not bad input).
    public func render(_ review: PlanReview, as format: Format) throws -> String {
        switch format {
        case .markdown: try renderer.render(PlanReviewTemplates.markdown.name, review)
        case .html: try renderer.render(PlanReviewTemplates.html.name, review)
        }
    }
}
