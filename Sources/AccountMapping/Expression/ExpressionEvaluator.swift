import OrganizerSyncCore

/// Evaluates a type-checked expression for one user.
///
/// Pure: it never fails at run time.
struct ExpressionEvaluator {
    let subject: MappingSubject

    func values(_ node: ExpressionNode) -> [String] {
        switch node {
        case .attribute(let name): return attribute(name)
        case .literal(let text): return [text]
        case .template(let pieces):
            var text = ""
            for piece in pieces {
                switch piece {
                case .text(let literal): text += literal
                case .value(let inner): text += values(inner).first { !$0.isEmpty } ?? ""
                }
            }
            return [text]
        case .lower(let inner): return values(inner).map { $0.lowercased() }
        case .upper(let inner): return values(inner).map { $0.uppercased() }
        case .trim(let inner): return values(inner).map(Self.trimmed)
        case .first(let inner): return values(inner).first { !$0.isEmpty }.map { [$0] } ?? []
        case .defaultValue(let candidates):
            for candidate in candidates {
                let found = values(candidate)
                if found.contains(where: { !$0.isEmpty }) { return found }
            }
            return []
        case .join(let separator, let parts):
            let glue = values(separator).first ?? ""
            let found = parts.flatMap { values($0) }.filter { !$0.isEmpty }
            return found.isEmpty ? [] : [found.joined(separator: glue)]
        case .replace(let inner, let pattern, let replacement):
            return values(inner).map { pattern.replacing(in: $0, with: replacement) }
        case .conditional(let condition, let then, let otherwise):
            if holds(condition) { return values(then) }
            return otherwise.map { values($0) } ?? []
        }
    }

    func holds(_ condition: ExpressionCondition) -> Bool {
        switch condition {
        case .inGroup(let reference): return subject.isMember(of: reference)
        case .has(let inner): return values(inner).contains { !$0.isEmpty }
        case .equals(let left, let right):
            let wanted = Set(values(right).map { $0.lowercased() })
            return values(left).contains { wanted.contains($0.lowercased()) }
        case .matches(let inner, let pattern): return values(inner).contains { pattern.matches($0) }
        case .not(let inner): return !holds(inner)
        case .all(let conditions): return conditions.allSatisfy { holds($0) }
        case .any(let conditions): return conditions.contains { holds($0) }
        }
    }

    /// The text without leading and trailing white space (Unicode: includes no-break and ideographic space).
    static func trimmed(_ text: String) -> String {
        // Fast path: an ASCII byte above the space at both ends starts and ends a non-space character.
        if let first = text.utf8.first, let last = text.utf8.last, (0x21..<0x80).contains(first),
            (0x21..<0x80).contains(last)
        {
            return text
        }
        guard text.first?.isWhitespace == true || text.last?.isWhitespace == true else { return text }
        var rest = Substring(text)
        while rest.first?.isWhitespace == true { rest.removeFirst() }
        while rest.last?.isWhitespace == true { rest.removeLast() }
        return String(rest)
    }

    /// An attribute's values; the built-in names when the entry has no attribute of that name.
    private func attribute(_ name: String) -> [String] {
        let user = subject.user
        if let found = user.attributes[name] { return Array(found) }
        switch name {
        case "dn": return [user.dn]
        case "anchor": return [user.anchor]
        case "username": return user.username.map { [$0] } ?? []
        case "email": return user.email.map { [$0] } ?? []
        default: return []
        }
    }
}
