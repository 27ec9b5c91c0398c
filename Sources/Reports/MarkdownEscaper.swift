/// Escapes a value for Markdown (CommonMark and GitHub Flavored Markdown) so that it reads as the literal text
/// it is, in a table cell or in running text, and cannot become markup, a link, a mention or a new table cell or
/// line.
///
/// - Characters with a meaning inside a line (`\ ` * _ [ ] < > | ~ # $`) get a backslash, which CommonMark
///   defines for every ASCII punctuation character (`$` starts math on GitHub); `&` becomes `&amp;` so no entity
///   is decoded. `( ) !` need none: without an unescaped `[` they cannot form a link or an image.
/// - Autolinks (GFM's extension, which GitHub and GitLab run): a `/` right after `:` gets a backslash, which stops
///   `https://…` and `ftp://…`; the `.` of `www.` gets one, which stops `www.…`. Both work because the extension
///   looks for them in the source text, before escapes are resolved.
/// - `@` is followed by an empty HTML comment (`@<!-- -->`). A backslash is not enough: GitHub and GitLab find
///   mentions (`@team`) and GFM finds email autolinks (`a@b.example`, `mailto:…`, `xmpp:…`) in the rendered text, after escapes are resolved; the
///   comment splits that text, and the page still shows (and copies) `@`.
/// - A value that starts like a block (`-`, `+`, `=`, a number followed by `.` or `)`, after spaces) gets a
///   backslash there, so that at the start of a line it cannot open a list or underline a heading; a first space
///   or tab becomes `&#32;`, so that indentation cannot open a code block.
/// - A line break (CR, LF, U+2028, U+2029, U+0085) would end a table row or a list item: it becomes "↵".
/// - Other control characters, and the bidirectional overrides and isolates that reorder what a reader sees
///   (U+202A–U+202E, U+2066–U+2069), become U+FFFD.
public enum MarkdownEscaper {
    /// The literal text `value` as Markdown.
    public static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count + 8)
        var previous: Unicode.Scalar?
        var lineStart = LineStart()
        var recent: (Unicode.Scalar, Unicode.Scalar, Unicode.Scalar) = (" ", " ", " ")
        for scalar in value.unicodeScalars {
            defer {
                previous = scalar
                lineStart.note(scalar)
                recent = (recent.1, recent.2, scalar)
            }
            switch scalar {
            case "\n" where previous == "\r":
                continue
            case "\r", "\n", "\u{2028}", "\u{2029}", "\u{85}":
                result += "↵"
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "$":
                result.unicodeScalars.append("\\")
                result.unicodeScalars.append(scalar)
            case "-" where lineStart.isBlank, "+" where lineStart.isBlank, "=" where lineStart.isBlank:
                result.unicodeScalars.append("\\")
                result.unicodeScalars.append(scalar)
            case "." where lineStart.isNumber, ")" where lineStart.isNumber:
                result.unicodeScalars.append("\\")
                result.unicodeScalars.append(scalar)
            case "." where isWWW(recent):
                result += "\\."
            case "/" where previous == ":":
                result += "\\/"
            case "@":
                result += "@<!-- -->"
            case "&":
                result += "&amp;"
            case " " where lineStart.isBlank && previous == nil, "\t" where lineStart.isBlank && previous == nil:
                // Four spaces at the start of a line would open a code block: the first is an entity.
                result += "&#32;"
            case "\t":
                result += " "
            case "\u{202A}"..."\u{202E}", "\u{2066}"..."\u{2069}":
                result += "\u{FFFD}"
            default:
                if scalar.properties.generalCategory == .control {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Whether the three scalars before are `www` in any case (GFM links `www.` without a scheme).
    private static func isWWW(_ recent: (Unicode.Scalar, Unicode.Scalar, Unicode.Scalar)) -> Bool {
        let isW: (Unicode.Scalar) -> Bool = { $0 == "w" || $0 == "W" }
        return isW(recent.0) && isW(recent.1) && isW(recent.2)
    }

    /// What the value held so far: only spaces (``isBlank``), or spaces then digits (``isNumber``).
    private struct LineStart {
        var isBlank = true
        var isNumber = false

        mutating func note(_ scalar: Unicode.Scalar) {
            if isBlank, scalar == " " { return }
            if isBlank || isNumber, ("0"..."9").contains(scalar) {
                isBlank = false
                isNumber = true
                return
            }
            isBlank = false
            isNumber = false
        }
    }
}
