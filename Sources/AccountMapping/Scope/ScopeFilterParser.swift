/// Hand-written parser for RFC 4515 filters (see ``ScopeFilter``).
///
/// Attribute names and values come out
/// lower-cased; `memberOf` values are DN-normalized.
struct ScopeFilterParser {
    private let characters: [Character]
    private var index = 0

    private init(_ text: String) {
        characters = Array(text)
    }

    static func parse(_ text: String) throws(ExpressionError) -> ScopeFilter.Node {
        var parser = ScopeFilterParser(text)
        parser.skipSpaces()
        guard parser.index < parser.characters.count else {
            throw ExpressionError(.unexpectedToken, at: 1, "the filter is empty; expected '(' and a condition")
        }
        let node: ScopeFilter.Node
        if parser.characters[parser.index] == "(" {
            node = try parser.filter()
        } else {
            node = try parser.item(until: nil)
        }
        parser.skipSpaces()
        if parser.index < parser.characters.count {
            throw ExpressionError(
                .unexpectedToken,
                at: parser.index + 1,
                "expected the end of the filter, found '\(parser.characters[parser.index])'; "
                    + "combine conditions with (&(…)(…)) or (|(…)(…))"
            )
        }
        return node
    }

    private mutating func skipSpaces() {
        while index < characters.count, characters[index] == " " { index += 1 }
    }

    private mutating func expect(_ character: Character, _ what: String) throws(ExpressionError) {
        guard index < characters.count else {
            throw ExpressionError(.unterminatedString, at: index + 1, "the filter ends early; expected \(what)")
        }
        guard characters[index] == character else {
            throw ExpressionError(.unexpectedToken, at: index + 1, "expected \(what), found '\(characters[index])'")
        }
        index += 1
    }

    /// Parses `( filtercomp )`.
    private mutating func filter() throws(ExpressionError) -> ScopeFilter.Node {
        skipSpaces()
        let open = index + 1
        try expect("(", "'('")
        skipSpaces()
        guard index < characters.count else {
            throw ExpressionError(.unterminatedString, at: open, "'(' is not closed by ')'")
        }
        let node: ScopeFilter.Node
        switch characters[index] {
        case "&":
            index += 1
            node = .and(try list())
        case "|":
            index += 1
            node = .or(try list())
        case "!":
            index += 1
            node = .not(try filter())
            skipSpaces()
        default:
            node = try item(until: ")")
        }
        guard index < characters.count else {
            throw ExpressionError(.unterminatedString, at: open, "'(' is not closed by ')'")
        }
        try expect(")", "')'")
        return node
    }

    private mutating func list() throws(ExpressionError) -> [ScopeFilter.Node] {
        var nodes: [ScopeFilter.Node] = []
        skipSpaces()
        while index < characters.count, characters[index] == "(" {
            nodes.append(try filter())
            skipSpaces()
        }
        return nodes
    }

    /// `attr op value`, ending before `terminator` (or at the end of the text).
    private mutating func item(until terminator: Character?) throws(ExpressionError) -> ScopeFilter.Node {
        let start = index + 1
        var attribute = ""
        while index < characters.count, ScopeFilterParser.isAttributeCharacter(characters[index]) {
            attribute.append(characters[index])
            index += 1
        }
        guard !attribute.isEmpty else {
            let found = index < characters.count ? "'\(characters[index])'" : "the end of the filter"
            throw ExpressionError(.unexpectedToken, at: start, "expected an attribute name, found \(found)")
        }
        attribute = attribute.lowercased()
        guard index < characters.count else {
            throw ExpressionError(
                .unexpectedToken,
                at: index + 1,
                "expected '=', '~=', '>=' or '<=' after the attribute"
            )
        }
        let operatorOffset = index + 1
        var kind = characters[index]
        switch kind {
        case ":":
            throw ExpressionError(
                .unsupported,
                at: operatorOffset,
                "extensible matches (':=') are not supported; compare the attribute with =, ~=, >= or <=, "
                    + "or take a group's members with scope.groups"
            )
        case "~", ">", "<":
            index += 1
            guard index < characters.count, characters[index] == "=" else {
                throw ExpressionError(.unexpectedToken, at: index + 1, "expected '=' after '\(kind)'")
            }
            index += 1
        case "=":
            index += 1
        default:
            throw ExpressionError(
                .unexpectedToken,
                at: operatorOffset,
                "expected '=', '~=', '>=' or '<=', found '\(kind)'"
            )
        }
        if kind == "~" { kind = "=" }
        let pieces = try value(until: terminator, allowsStars: kind == "=")
        switch kind {
        case ">": return .greaterOrEqual(attribute: attribute, value: pieces.joined())
        case "<": return .lessOrEqual(attribute: attribute, value: pieces.joined())
        default: break
        }
        if pieces == ["", ""] { return .present(attribute: attribute) }
        if pieces.count == 1 {
            let value = attribute == "memberof" ? GroupReference.normalizedDN(pieces[0]) : pieces[0]
            return .equals(attribute: attribute, value: value)
        }
        return .substrings(
            attribute: attribute,
            initial: pieces[0].isEmpty ? nil : pieces[0],
            any: pieces.dropFirst().dropLast().filter { !$0.isEmpty },
            final: pieces[pieces.count - 1].isEmpty ? nil : pieces[pieces.count - 1]
        )
    }

    /// The assertion value, lower-cased and unescaped, split at unescaped `*`.
    private mutating func value(until terminator: Character?, allowsStars: Bool) throws(ExpressionError) -> [String] {
        var pieces: [String] = []
        var bytes: [UInt8] = []
        while index < characters.count, characters[index] != terminator {
            let character = characters[index]
            switch character {
            case "(", ")":
                throw ExpressionError(
                    .unexpectedToken,
                    at: index + 1,
                    "unescaped '\(character)' in a value; write it as \\\(character == "(" ? "28" : "29")"
                )
            case "*" where allowsStars:
                pieces.append(String(decoding: bytes, as: UTF8.self).lowercased())
                bytes = []
                index += 1
            case "\\":
                guard index + 2 < characters.count,
                    let high = characters[index + 1].hexDigitValue, let low = characters[index + 2].hexDigitValue
                else {
                    throw ExpressionError(
                        .unexpectedCharacter,
                        at: index + 1,
                        "'\\' must be followed by two hex digits"
                    )
                }
                bytes.append(UInt8(high * 16 + low))
                index += 3
            default:
                bytes.append(contentsOf: Array(String(character).utf8))
                index += 1
            }
        }
        pieces.append(String(decoding: bytes, as: UTF8.self).lowercased())
        return pieces
    }

    static func isAttributeCharacter(_ character: Character) -> Bool {
        character.isASCII
            && (character.isLetter || character.isNumber || character == "-" || character == ";"
                || character == ".")
    }
}
