import Foundation

/// The syntax tree of a field expression: values (lists of strings) and conditions, type-checked
/// when parsed.
indirect enum ExpressionNode: Sendable {
    /// One piece of a string template.
    enum Piece: Sendable {
        case text(String)
        case value(ExpressionNode)
    }

    /// Every value of an attribute (or of a built-in name: `dn`, `anchor`, `username`, `email`).
    case attribute(String)
    case literal(String)
    case template([Piece])
    case lower(ExpressionNode)
    case upper(ExpressionNode)
    case trim(ExpressionNode)
    case first(ExpressionNode)
    case defaultValue([ExpressionNode])
    case join(separator: ExpressionNode, [ExpressionNode])
    case replace(ExpressionNode, RegexPattern, replacement: String)
    case conditional(ExpressionCondition, then: ExpressionNode, otherwise: ExpressionNode?)
}

/// A condition of `if(…)`.
indirect enum ExpressionCondition: Sendable {
    case inGroup(GroupReference)
    case has(ExpressionNode)
    case equals(ExpressionNode, ExpressionNode)
    case matches(ExpressionNode, RegexPattern)
    case not(ExpressionCondition)
    case all([ExpressionCondition])
    case any([ExpressionCondition])
}

/// A regular expression compiled when the mapping is loaded, so a bad pattern is a load error.
struct RegexPattern: Sendable {
    var source: String
    var regex: NSRegularExpression

    /// Compiles `source` (ICU syntax, as `NSRegularExpression` reads it).
    init(_ source: String, at offset: Int) throws(ExpressionError) {
        self.source = source
        do {
            regex = try NSRegularExpression(pattern: source)
        } catch {
            throw ExpressionError(.invalidPattern, at: offset, "the regular expression \"\(source)\" does not compile")
        }
    }

    func replacing(in text: String, with template: String) -> String {
        regex.stringByReplacingMatches(
            in: text,
            range: NSRange(text.startIndex..., in: text),
            withTemplate: template
        )
    }

    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
