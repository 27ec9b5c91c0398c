import AccountMapping
import Foundation
import SyncConfiguration

/// Turns a character position inside a YAML scalar into a file, line and column, reading the file's
/// text again (only when there is an error to report).
///
/// The scalar's own location (from ``ConfigNode``) is where it starts in the file; its text may differ
/// from what is written there: quotes, `\` escapes in double quotes, `''` in single quotes, and block
/// scalars (`|`, `>`) whose text starts on the next line. Plain and quoted scalars on one line map
/// exactly; a position past the line's end is reported at the line's end.
enum ExpressionLocator {
    /// The location of the `offset`th (1-based) character of the scalar `node`.
    static func location(in node: ConfigNode, offset: Int) -> ConfigLocation {
        let start = node.location
        guard let data = FileManager.default.contents(atPath: start.file), start.line >= 1 else { return start }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard start.line <= lines.count else { return start }
        let line = Array(lines[start.line - 1])
        let first = start.column - 1
        guard first >= 0, first < line.count else { return start }
        switch line[first] {
        case "\"", "'":
            let column = quotedColumn(line, from: first, quote: line[first], offset: offset)
            return ConfigLocation(file: start.file, line: start.line, column: column)
        case "|", ">":
            return blockLocation(lines, after: start.line, offset: offset, file: start.file) ?? start
        default:
            return ConfigLocation(
                file: start.file,
                line: start.line,
                column: min(start.column + offset - 1, line.count + 1)
            )
        }
    }

    /// The 1-based column of a quoted scalar's `offset`th character.
    private static func quotedColumn(_ line: [Character], from quoteIndex: Int, quote: Character, offset: Int) -> Int {
        var raw = quoteIndex + 1
        var produced = 0
        while raw < line.count {
            if produced == offset - 1 { return raw + 1 }
            if quote == "\"", line[raw] == "\\", raw + 1 < line.count {
                switch line[raw + 1] {
                case "x": raw += 4
                case "u": raw += 6
                case "U": raw += 10
                default: raw += 2
                }
            } else if quote == "'", line[raw] == "'", raw + 1 < line.count, line[raw + 1] == "'" {
                raw += 2
            } else if line[raw] == quote {
                break
            } else {
                raw += 1
            }
            produced += 1
        }
        return min(raw, line.count) + 1
    }

    /// The location inside a block scalar whose indicator is on line `indicatorLine`.
    private static func blockLocation(
        _ lines: [Substring],
        after indicatorLine: Int,
        offset: Int,
        file: String
    )
        -> ConfigLocation?
    {
        guard indicatorLine < lines.count,
            let content = lines[indicatorLine...].first(where: { !$0.allSatisfy(\.isWhitespace) })
        else { return nil }
        let indent = content.prefix(while: { $0 == " " }).count
        var remaining = offset - 1
        var lineNumber = indicatorLine + 1
        while lineNumber <= lines.count {
            let text = lines[lineNumber - 1].dropFirst(indent)
            if remaining <= text.count {
                return ConfigLocation(file: file, line: lineNumber, column: indent + remaining + 1)
            }
            remaining -= text.count + 1
            lineNumber += 1
        }
        return nil
    }
}
