import Mustache

/// Renders pages from ``ReportTemplate``s over swift-mustache, escaping every value for the page's format.
///
/// The shared HTML layout is registered as `layout`, so an HTML page template only fills its `content` block.
/// Templates that would put a value on the page unescaped (`{{{ }}}`, `{{& }}`) or change the delimiters
/// (`{{= =}}`, which would hide such a tag from that check) are refused when the renderer is made.
///
/// The context is any value swift-mustache reads: dictionaries keyed by `String`, arrays, structs (through
/// their stored properties), `Bool`s and optionals for sections. Build it from plain values (strings,
/// integers): a value's `description` is what is escaped and shown.
public struct ReportRenderer: Sendable {
    /// The name the shared HTML layout is registered under.
    public static let layoutName = "layout"

    private let library: MustacheLibrary

    /// Registers the shared layout and `templates`.
    /// - Parameter templates: The page templates (and partials) to render by name.
    /// - Throws: ``ReportError`` with code `.templateSyntax`, `.unescapedValue` or `.duplicateTemplate`.
    public init(templates: [ReportTemplate]) throws(ReportError) {
        Self.registerContentTypes
        var library = MustacheLibrary()
        var names: Set<String> = []
        for template in [HTMLLayout.template] + templates {
            guard names.insert(template.name).inserted else {
                throw ReportError(.duplicateTemplate, template: template.name)
            }
            library.register(try Self.parse(template), named: template.name)
        }
        self.library = library
    }

    /// Renders the template `name` with `context`.
    /// - Parameters:
    ///   - name: A registered template's name.
    ///   - context: The values the template reads.
    /// - Returns: The page.
    /// - Throws: ``ReportError`` with code `.unknownTemplate`.
    public func render(_ name: String, _ context: Any) throws(ReportError) -> String {
        guard let page = library.render(context, withTemplate: name) else {
            throw ReportError(.unknownTemplate, template: name)
        }
        return page
    }

    private static func parse(_ template: ReportTemplate) throws(ReportError) -> MustacheTemplate {
        let compact = String(template.text.filter { !$0.isWhitespace })
        if compact.contains("{{{") || compact.contains("{{&") || compact.contains("{{=") {
            throw ReportError(.unescapedValue, template: template.name)
        }
        let contentType =
            switch template.format {
            case .html: "HTML"
            case .markdown: MarkdownContentType.name
            }
        do {
            return try MustacheTemplate(string: "{{% CONTENT_TYPE: \(contentType) }}" + template.text)
        } catch {
            throw ReportError(.templateSyntax, template: template.name, detail: "\(error)")
        }
    }

    /// swift-mustache keeps content types in a process-wide registry (behind its own lock); ours is added once.
    private static let registerContentTypes: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: MarkdownContentType.name)
    }()
}

/// Markdown escaping as a swift-mustache content type, so `{{value}}` in a Markdown template is escaped.
private struct MarkdownContentType: MustacheContentType {
    static let name = "ORGANIZER_SYNC_MARKDOWN"

    func escapeText(_ text: String) -> String { MarkdownEscaper.escape(text) }
}
