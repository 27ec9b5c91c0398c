/// One token of a field expression.
struct ExpressionToken: Sendable {
    enum Kind: Sendable {
        /// A function or attribute name.
        case identifier(String)
        /// A string literal; double-quoted ones may hold `${…}` interpolations.
        case string([TemplatePart])
        case leftParenthesis
        case rightParenthesis
        case comma
        /// `}`, which ends a `${…}` interpolation.
        case rightBrace
        case end
    }

    /// A piece of a string literal.
    enum TemplatePart: Sendable {
        case text(String)
        /// The tokens of a `${…}` interpolation (ending with `.end`), and where it starts.
        case interpolation([ExpressionToken], offset: Int)
    }

    var kind: Kind
    /// The 1-based character position of the token's first character.
    var offset: Int

    /// How the token is named in "expected …" messages.
    var spelling: String {
        switch kind {
        case .identifier(let name): "'\(name)'"
        case .string: "a string"
        case .leftParenthesis: "'('"
        case .rightParenthesis: "')'"
        case .comma: "','"
        case .rightBrace: "'}'"
        case .end: "the end of the expression"
        }
    }
}

/// Splits a field expression into tokens.
///
/// Hand-written, one character of look-ahead.
///
/// Identifiers are a letter or `_` followed by letters, digits, `_` and `-` (LDAP attribute names
/// may hold hyphens). Strings are in `"…"` or `'…'`, with the escapes `\\`, `\"`, `\'`, `\$`, `\n`
/// and `\t`; in double-quoted strings `${expression}` interpolates.
struct ExpressionLexer {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) {
        characters = Array(text)
    }

    /// Every token of the text, ending with `.end`.
    static func tokens(of text: String) throws(ExpressionError) -> [ExpressionToken] {
        var lexer = ExpressionLexer(text)
        return try lexer.tokens(until: nil)
    }

    /// Tokens up to the end, or up to (and not including) a `}` at the outer level when `stop` is set;
    /// the `}` is consumed and `.end` appended.
    private mutating func tokens(until stop: Int?) throws(ExpressionError) -> [ExpressionToken] {
        var result: [ExpressionToken] = []
        while true {
            let token = try next()
            switch token.kind {
            case .rightBrace where stop != nil:
                result.append(ExpressionToken(kind: .end, offset: token.offset))
                return result
            case .end:
                if let stop {
                    throw ExpressionError(.unterminatedString, at: stop, "'${' is not closed by '}'")
                }
                result.append(token)
                return result
            default:
                result.append(token)
            }
        }
    }

    /// The one-character tokens.
    private static let punctuation: [Character: ExpressionToken.Kind] = [
        "(": .leftParenthesis, ")": .rightParenthesis, ",": .comma, "}": .rightBrace,
    ]

    private mutating func next() throws(ExpressionError) -> ExpressionToken {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        let offset = index + 1
        guard index < characters.count else { return ExpressionToken(kind: .end, offset: offset) }
        let character = characters[index]
        if let punctuation = Self.punctuation[character] {
            index += 1
            return ExpressionToken(kind: punctuation, offset: offset)
        }
        switch character {
        case "\"", "'": return ExpressionToken(kind: .string(try string(quote: character)), offset: offset)
        case "$" where index + 1 < characters.count && characters[index + 1] == "{":
            throw ExpressionError(
                .unexpectedCharacter,
                at: offset,
                "'${…}' only works inside a double-quoted string; write the template as \"…\" "
                    + "(in YAML: '\"${givenName} ${sn}\"') or use an attribute name alone"
            )
        default:
            guard Self.isIdentifierStart(character) else {
                throw ExpressionError(
                    .unexpectedCharacter,
                    at: offset,
                    "unexpected character '\(character)'; expected an attribute name, a function call or a string"
                )
            }
            var name = ""
            while index < characters.count, Self.isIdentifierPart(characters[index]) {
                name.append(characters[index])
                index += 1
            }
            return ExpressionToken(kind: .identifier(name), offset: offset)
        }
    }

    private mutating func string(quote: Character) throws(ExpressionError) -> [ExpressionToken.TemplatePart] {
        let start = index + 1
        index += 1
        var parts: [ExpressionToken.TemplatePart] = []
        var text = ""
        while index < characters.count {
            let character = characters[index]
            if character == quote {
                index += 1
                if !text.isEmpty || parts.isEmpty { parts.append(.text(text)) }
                return parts
            }
            if character == "\\" {
                guard index + 1 < characters.count else { break }
                let escaped = characters[index + 1]
                switch escaped {
                case "\\", "\"", "'", "$": text.append(escaped)
                case "n": text.append("\n")
                case "t": text.append("\t")
                default:
                    throw ExpressionError(
                        .unexpectedCharacter,
                        at: index + 1,
                        "unknown escape '\\\(escaped)'; use \\\\, \\\", \\', \\$, \\n or \\t"
                    )
                }
                index += 2
                continue
            }
            if quote == "\"", character == "$", index + 1 < characters.count, characters[index + 1] == "{" {
                if !text.isEmpty { parts.append(.text(text)) }
                text = ""
                let interpolationStart = index + 1
                index += 2
                let tokens = try tokens(until: interpolationStart)
                parts.append(.interpolation(tokens, offset: interpolationStart))
                continue
            }
            text.append(character)
            index += 1
        }
        throw ExpressionError(.unterminatedString, at: start, "the string is not closed by \(quote)")
    }

    static func isIdentifierStart(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character == "_")
    }

    static func isIdentifierPart(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
    }
}
