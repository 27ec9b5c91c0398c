/// Escapes a value for Markdown (CommonMark and GitHub Flavored Markdown) so that it reads as the literal text
/// it is, in a table cell or in running text, and cannot start a link, an image, code, emphasis, raw HTML or a
/// new table cell or line.
///
/// - Characters with a meaning inside a line (`\ ` * _ [ ] < > | ~ # $`) get a backslash, which CommonMark
///   defines for every ASCII punctuation character (`$` starts math on GitHub); `&` becomes `&amp;` so no entity
///   is decoded. `( ) !` need none: without an unescaped `[` they cannot form a link or an image.
/// - A line break (CR, LF, U+2028, U+2029, U+0085) would end a table row or a list item: it becomes "↵".
/// - Other control characters become U+FFFD.
public enum MarkdownEscaper {
    /// The literal text `value` as Markdown.
    public static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        var previousWasCR = false
        for scalar in value.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\n" where previousWasCR:
                continue
            case "\r", "\n", "\u{2028}", "\u{2029}", "\u{85}":
                result += "↵"
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "$":
                result.unicodeScalars.append("\\")
                result.unicodeScalars.append(scalar)
            case "&":
                result += "&amp;"
            case "\t":
                result += " "
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
}
