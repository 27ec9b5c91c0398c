import Foundation
import Testing

@testable import Reports

@Suite("Report templates: every value escaped, one self-contained layout")
struct ReportRendererTests {
    static let hostile = "<script>alert(1)</script> | `rm -rf` & \"quoted\" 'single'\nsecond line"

    static let page = ReportTemplate(
        name: "page",
        format: .html,
        text: """
            {{<layout}}{{$content}}<p id="value">{{value}}</p>\
            <ul>{{#rows}}<li>{{name}}</li>{{/rows}}</ul>{{> fragment}}{{/content}}{{/layout}}
            """
    )
    static let fragment = ReportTemplate(name: "fragment", format: .html, text: "<p id=\"fragment\">{{value}}</p>")
    static let markdown = ReportTemplate(
        name: "markdown",
        format: .markdown,
        text: """
            # {{title}}

            | name | value |
            |---|---|
            {{#rows}}
            | {{name}} | {{value}} |
            {{/rows}}

            """
    )

    func renderer() throws -> ReportRenderer {
        try ReportRenderer(templates: [Self.page, Self.fragment, Self.markdown])
    }

    @Test("HTML: values are escaped in the layout, the page, sections and partials")
    func htmlEscaping() throws {
        let html = try renderer().render(
            "page",
            ["title": Self.hostile, "value": Self.hostile, "rows": [["name": Self.hostile]]] as [String: Any]
        )
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("\"quoted\""))
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; | `rm -rf` &amp; &quot;quoted&quot; &#39;single&#39;"
        #expect(html.contains("<title>\(escaped)"))
        #expect(html.contains("<p id=\"value\">\(escaped)"))
        #expect(html.contains("<li>\(escaped)"))
        #expect(html.contains("<p id=\"fragment\">\(escaped)"))
        #expect(html.components(separatedBy: "<script>").count == 2, "only the layout's own script")
    }

    @Test("HTML: the layout is self-contained: no external script, style, font or image, and a CSP forbids them")
    func selfContained() throws {
        let html = try renderer().render("page", ["title": "T", "value": "v", "rows": [] as [Any]] as [String: Any])
        for reference in ["src=", "href=", "url(", "@import", "http://", "https://"] {
            #expect(!html.contains(reference), "the page refers to \(reference)")
        }
        #expect(html.contains("default-src 'none'"))
        #expect(html.contains("@media print"))
        #expect(html.contains("<script>\(HTMLLayout.script)</script>"))
    }

    @Test("Markdown: values are escaped in table cells")
    func markdownEscaping() throws {
        let text = try renderer().render(
            "markdown",
            ["title": "Plan *now*", "rows": [["name": "a|b", "value": Self.hostile]]] as [String: Any]
        )
        #expect(text.hasPrefix("# Plan \\*now\\*\n"))
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| a") })
        #expect(
            row
                == "| a\\|b | \\<script\\>alert(1)\\</script\\> \\| \\`rm -rf\\` &amp; \"quoted\" 'single'↵second line |"
        )
        #expect(row.split(separator: "|", omittingEmptySubsequences: false).count(where: { !$0.hasSuffix("\\") }) == 4)
    }

    @Test("The Markdown escaper keeps plain text, folds line breaks and drops control characters")
    func markdownEscaper() {
        #expect(MarkdownEscaper.escape("Jane Doe 42 (ok)") == "Jane Doe 42 (ok)")
        #expect(MarkdownEscaper.escape("jane.doe@example.com") == "jane.doe@<!-- -->example.com")
        #expect(MarkdownEscaper.escape("a\r\nb\rc\nd\u{2028}e") == "a↵b↵c↵d↵e")
        #expect(MarkdownEscaper.escape("x\u{0}y\u{1B}[31m") == "x\u{FFFD}y\u{FFFD}\\[31m")
        #expect(
            MarkdownEscaper.escape("[link](javascript:x) ![img](y) $x$")
                == "\\[link\\](javascript:x) !\\[img\\](y) \\$x\\$"
        )
        #expect(MarkdownEscaper.escape("\\|") == "\\\\\\|")
    }

    @Test(
        "A template that would show a value unescaped is refused",
        arguments: ["{{{value}}}", "{{&value}}", "{{ & value }}", "{{=<% %>=}}<%&value%>"]
    )
    func unescapedRefused(text: String) {
        #expect(throws: ReportError(.unescapedValue, template: "t")) {
            _ = try ReportRenderer(templates: [ReportTemplate(name: "t", format: .html, text: text)])
        }
    }

    @Test("A template that does not parse, an unknown or a duplicate name is a clear error")
    func errors() throws {
        let broken = ReportTemplate(name: "broken", format: .html, text: "{{#open}}never closed")
        let error = #expect(throws: ReportError.self) { _ = try ReportRenderer(templates: [broken]) }
        #expect(error?.code == .templateSyntax)
        #expect(error?.description == "report template broken does not parse")
        let twice = ReportTemplate(name: "layout", format: .html, text: "x")
        #expect(throws: ReportError(.duplicateTemplate, template: "layout")) {
            _ = try ReportRenderer(templates: [twice])
        }
        #expect(throws: ReportError(.unknownTemplate, template: "missing")) {
            _ = try renderer().render("missing", [:] as [String: Any])
        }
    }
}
