import ArgumentParser
import PlanReview

/// How `plan` and `show-plan` print a plan: readable text, the sealed JSON, or a document for review.
enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, html

    /// The review format, for markdown and html.
    var review: PlanReviewRenderer.Format? {
        switch self {
        case .markdown: .markdown
        case .html: .html
        case .text, .json: nil
        }
    }
}
