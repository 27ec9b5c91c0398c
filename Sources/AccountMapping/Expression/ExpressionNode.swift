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
            throw ExpressionError(
                .invalidPattern,
                at: offset,
                "the regular expression \"\(source)\" does not compile (ICU syntax); check its brackets and "
                    + "parentheses, and escape a literal one with a backslash, written \\\\ in the string (\"\\\\(\")"
            )
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

extension ExpressionNode {
    /// The attribute names (lower-cased) the expression reads.
    var attributes: [String] {
        switch self {
        case .attribute(let name): [name]
        case .literal: []
        case .template(let pieces):
            pieces.flatMap { piece -> [String] in
                if case .value(let node) = piece { return node.attributes }
                return []
            }
        case .lower(let node), .upper(let node), .trim(let node), .first(let node), .replace(let node, _, _):
            node.attributes
        case .defaultValue(let nodes): nodes.flatMap(\.attributes)
        case .join(let separator, let nodes): separator.attributes + nodes.flatMap(\.attributes)
        case .conditional(let condition, let then, let otherwise):
            condition.attributes + then.attributes + (otherwise?.attributes ?? [])
        }
    }

    /// The groups named by `in_group` anywhere in the expression.
    var groups: [GroupReference] {
        switch self {
        case .attribute, .literal: []
        case .template(let pieces):
            pieces.flatMap { piece -> [GroupReference] in
                if case .value(let node) = piece { return node.groups }
                return []
            }
        case .lower(let node), .upper(let node), .trim(let node), .first(let node), .replace(let node, _, _):
            node.groups
        case .defaultValue(let nodes): nodes.flatMap(\.groups)
        case .join(let separator, let nodes): separator.groups + nodes.flatMap(\.groups)
        case .conditional(let condition, let then, let otherwise):
            condition.groups + then.groups + (otherwise?.groups ?? [])
        }
    }
}

extension ExpressionCondition {
    /// The attribute names (lower-cased) the condition reads.
    var attributes: [String] {
        switch self {
        case .inGroup: []
        case .has(let node), .matches(let node, _): node.attributes
        case .equals(let left, let right): left.attributes + right.attributes
        case .not(let inner): inner.attributes
        case .all(let conditions), .any(let conditions): conditions.flatMap(\.attributes)
        }
    }

    /// The groups named by `in_group` in the condition.
    var groups: [GroupReference] {
        switch self {
        case .inGroup(let reference): [reference]
        case .has(let node), .matches(let node, _): node.groups
        case .equals(let left, let right): left.groups + right.groups
        case .not(let inner): inner.groups
        case .all(let conditions), .any(let conditions): conditions.flatMap(\.groups)
        }
    }
}
