/// One page template: Mustache text kept in the binary as a string constant (not a SwiftPM resource, so the
/// packaged static binary needs no file beside it).
///
/// Every `{{value}}` is escaped for the template's ``Format``: HTML escaping for HTML pages, ``MarkdownEscaper``
/// for Markdown. Unescaped tags (`{{{ }}}`, `{{& }}`) are refused when the template is registered.
///
/// An HTML page template fills the shared layout (``HTMLLayout``) through Mustache inheritance:
/// ```
/// {{<layout}}{{$content}}<table class="data">…</table>{{/content}}{{/layout}}
/// ```
public struct ReportTemplate: Sendable {
    /// What a template renders, and so how its values are escaped.
    public enum Format: String, Sendable, CaseIterable {
        /// An HTML page or fragment: values are HTML-escaped (`< > & " '`).
        case html
        /// Markdown: values are escaped by ``MarkdownEscaper`` (safe in table cells and running text).
        case markdown
    }

    /// The name the template is rendered by, and included by (`{{> name}}`).
    public let name: String
    /// The Mustache text.
    public let text: String
    /// How the template's values are escaped.
    public let format: Format

    /// - Parameters:
    ///   - name: The name to render and include the template by.
    ///   - format: How its values are escaped.
    ///   - text: The Mustache text.
    public init(name: String, format: Format, text: String) {
        self.name = name
        self.format = format
        self.text = text
    }
}
