import Foundation
public import OrganizerSyncCore

/// An LDAP search filter (RFC 4515) evaluated on the client against a user's attributes.
///
/// Supported: `(&…)`, `(|…)`, `(!…)`, equality `(a=v)`, approximate `(a~=v)` (treated as equality),
/// presence `(a=*)`, substrings `(a=Jo*n*)`, ordering `(a>=v)` and `(a<=v)` (as whole numbers when both
/// sides are, otherwise as text). Values may use `\XX` escapes. Attribute names and values are compared
/// ignoring case. Only attributes the source reads (its preset's `attributes` list) can be tested;
/// `memberOf` gives the user's group DNs (transitive) when the entry has no such attribute.
/// Extensible matches (`:=`) are rejected when the filter is parsed.
public struct ScopeFilter: Sendable, CustomStringConvertible {
    indirect enum Node: Sendable {
        case and([Node])
        case or([Node])
        case not(Node)
        case equals(attribute: String, value: String)
        case present(attribute: String)
        case substrings(attribute: String, initial: String?, any: [String], final: String?)
        case greaterOrEqual(attribute: String, value: String)
        case lessOrEqual(attribute: String, value: String)
    }

    /// The filter as written.
    public let source: String
    /// `filter:` and the source, the form used in scope reasons.
    public let label: String
    let root: Node

    /// Parses a filter; the outer parentheses may be left out (`department=Sales`).
    /// - Throws: ``ExpressionError`` with the 1-based character position of the problem.
    public init(_ source: String) throws(ExpressionError) {
        self.source = source
        label = "filter:\(source)"
        root = try ScopeFilterParser.parse(source)
    }

    public var description: String { source }

    /// The attribute names (lower-cased) the filter tests.
    public var referencedAttributes: [String] { Self.attributes(root) }

    private static func attributes(_ node: Node) -> [String] {
        switch node {
        case .and(let nodes), .or(let nodes): nodes.flatMap(attributes)
        case .not(let inner): attributes(inner)
        case .equals(let attribute, _), .present(let attribute), .substrings(let attribute, _, _, _),
            .greaterOrEqual(let attribute, _), .lessOrEqual(let attribute, _):
            [attribute]
        }
    }

    /// Whether the user's attributes satisfy the filter.
    public func matches(_ user: DirectoryUser) -> Bool {
        Self.evaluate(root, on: user)
    }

    private static func evaluate(_ node: Node, on user: DirectoryUser) -> Bool {
        switch node {
        case .and(let nodes): return nodes.allSatisfy { evaluate($0, on: user) }
        case .or(let nodes): return nodes.contains { evaluate($0, on: user) }
        case .not(let inner): return !evaluate(inner, on: user)
        case .present(let attribute): return !values(attribute, of: user).isEmpty
        case .equals(let attribute, let value):
            return values(attribute, of: user).contains { $0 == value }
        case .substrings(let attribute, let initial, let any, let final):
            return values(attribute, of: user).contains { matchesSubstrings($0, initial, any, final) }
        case .greaterOrEqual(let attribute, let value):
            return values(attribute, of: user).contains { compare($0, value) >= 0 }
        case .lessOrEqual(let attribute, let value):
            return values(attribute, of: user).contains { compare($0, value) <= 0 }
        }
    }

    /// The attribute's values, lower-cased (DNs normalized for `memberOf`).
    private static func values(_ attribute: String, of user: DirectoryUser) -> [String] {
        if let found = user.attributes[attribute] {
            return attribute == "memberof" ? found.map(GroupReference.normalizedDN) : found.map { $0.lowercased() }
        }
        if attribute == "memberof" { return user.groups.map(GroupReference.normalizedDN) }
        return []
    }

    private static func matchesSubstrings(
        _ value: String,
        _ initial: String?,
        _ any: [String],
        _ final: String?
    )
        -> Bool
    {
        var rest = Substring(value)
        if let initial {
            guard rest.hasPrefix(initial) else { return false }
            rest = rest.dropFirst(initial.count)
        }
        for piece in any {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        if let final { return rest.hasSuffix(final) }
        return true
    }

    /// Numeric when both are whole numbers, else text order.
    private static func compare(_ left: String, _ right: String) -> Int {
        if let a = Int(left), let b = Int(right) { return a < b ? -1 : a == b ? 0 : 1 }
        return left < right ? -1 : left == right ? 0 : 1
    }
}
