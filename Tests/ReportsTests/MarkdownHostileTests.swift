import Foundation
import OrganizerSyncTestSupport
import Testing

@testable import Reports

/// Hostile values through a Markdown template, rendered by `cmark-gfm` (GitHub's CommonMark with its table,
/// autolink, strikethrough and tag filter extensions; Debian's package, installed by Scripts/setup.sh): every
/// value stays text in its own cell or paragraph, with no link, mention, image, code, emphasis, list, heading,
/// quote or new cell.
@Suite("Markdown: a hostile value never becomes markup, a link, a mention or a new cell")
struct MarkdownHostileTests {
    static let values = [
        "@team please look", "@org/security-team", "cc @alice", "(@bob)", "x.@carol", "alice@example.com",
        "mailto:a@b.example", "xmpp:a@b.example/r", "https://evil.example/x", "HTTP://EVIL.EXAMPLE",
        "ftp://files.example/a", "www.evil.example", "WWW.Evil.example/path", "<https://evil.example>",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<!-- hidden -->", "a | b | c", "a \\| b",
        "`code`", "``x``", "[link](https://x.example)", "![i](https://x.example/i.png)", "[ref]: https://x.example",
        "*em* **strong** _u_ __uu__ ~~del~~", "# heading", "###### h6", "> quote", "1. first", "2) second",
        "10. tenth", "- item", "+ item", "* item", "===", "---", "    four spaces", "&amp; &lt; &#64; &copy;",
        "line1\nline2", "cell\r\n| x | y |", "trailing \\", "$x^2$", "\u{202E}txt.exe", "x\u{0}y\u{1B}[31m",
        "\ttab", "- [ ] task",
    ]

    static let template = ReportTemplate(
        name: "hostile",
        format: .markdown,
        text: """
            | name | value |
            |---|---|
            {{#rows}}
            | {{name}} | {{value}} |
            {{/rows}}

            {{#rows}}
            {{value}}

            {{/rows}}
            """
    )

    @Test("cmark-gfm renders every hostile value as its own text, in a table cell and at the start of a line")
    func renderedByCmarkGFM() async throws {
        let rows = Self.values.enumerated().map { ["name": "v\($0.offset)", "value": $0.element] }
        let markdown = try ReportRenderer(templates: [Self.template]).render("hostile", ["rows": rows])
        let run = try await runProcess(
            "cmark-gfm",
            ["--unsafe", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter"],
            stdin: Data(markdown.utf8),
            timeout: 30
        )
        try #require(run.status == 0, "\(run.stderr)")
        let html = run.stdout
        // Only the elements of a table and paragraphs, and the comments the escaper put after `@`.
        let tags = Set(html.matches(of: /<\/?([a-z0-9]+)/).map { String($0.output.1) })
        #expect(tags.isSubset(of: ["table", "thead", "tbody", "tr", "th", "td", "p"]), "\(tags)\n\(html)")
        #expect(!html.replacing("<!-- -->", with: "").contains("<!--"), "no other comment or raw HTML")
        // GitHub and GitLab find mentions and email autolinks in the text between tags.
        #expect(html.firstMatch(of: /@[A-Za-z0-9_]/) == nil, "a mention could form:\n\(html)")

        let cells = html.matches(of: /<tr>\n<td>v(\d+)<\/td>\n<td>(.*?)<\/td>\n<\/tr>/)
        #expect(cells.count == Self.values.count, "one row of two cells per value:\n\(html)")
        for cell in cells {
            let value = try #require(Int(cell.output.1).map { Self.values[$0] })
            #expect(Self.text(cell.output.2) == Self.shown(value), "\(value.debugDescription)")
        }
        let paragraphs = html.split(separator: "</table>").last.map {
            $0.matches(of: /<p>(.*?)<\/p>/).map { Self.text($0.output.1) }
        }
        #expect(paragraphs == Self.values.map(Self.shown), "each value one paragraph of its own text")
    }

    /// The text of rendered HTML: comments and tags dropped, cmark-gfm's entities decoded.
    static func text(_ html: Substring) -> String {
        String(html).replacingOccurrences(of: "<!-- -->", with: "").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&").trimmingCharacters(in: .whitespaces)
    }

    /// What a reader sees of `value`: line breaks folded to ↵, controls and bidi overrides as U+FFFD, a tab as a
    /// space, spaces at the ends trimmed (cmark-gfm trims cells and paragraphs).
    static func shown(_ value: String) -> String {
        var text = ""
        var previous: Unicode.Scalar?
        for scalar in value.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\n" where previous == "\r": continue
            case "\r", "\n": text += "↵"
            case "\t": text += " "
            case "\u{202E}": text += "\u{FFFD}"
            default: text.unicodeScalars.append(scalar.properties.generalCategory == .control ? "\u{FFFD}" : scalar)
            }
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
