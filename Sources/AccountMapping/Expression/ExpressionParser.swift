/// Recursive-descent parser for field expressions.
///
/// Tokens → untyped syntax → type-checked ``ExpressionNode``. Unknown functions, wrong argument counts and conditions used as values are
/// reported here, with the character position, so they never surface while mapping users.
struct ExpressionParser {
    /// The untyped shape of an expression.
    indirect enum Syntax {
        case name(String, offset: Int)
        case string([StringPiece], offset: Int)
        case call(String, offset: Int, arguments: [Syntax])

        var offset: Int {
            switch self {
            case .name(_, let offset), .string(_, let offset), .call(_, let offset, _): offset
            }
        }
    }

    enum StringPiece {
        case text(String)
        case value(Syntax)
    }

    private let tokens: [ExpressionToken]
    private var position = 0

    private init(tokens: [ExpressionToken]) {
        self.tokens = tokens
    }

    /// Parses and type-checks a whole expression, which must be a value.
    static func parse(_ text: String) throws(ExpressionError) -> ExpressionNode {
        let tokens = try ExpressionLexer.tokens(of: text)
        if case .end = tokens[0].kind {
            throw ExpressionError(
                .unexpectedToken,
                at: 1,
                "the expression is empty; expected an attribute name, "
                    + "a function call or a string"
            )
        }
        return try value(parseAll(tokens))
    }

    /// Parses tokens that must form exactly one expression followed by `.end`.
    private static func parseAll(_ tokens: [ExpressionToken]) throws(ExpressionError) -> Syntax {
        var parser = ExpressionParser(tokens: tokens)
        let syntax = try parser.expression()
        let next = parser.current
        guard case .end = next.kind else {
            throw ExpressionError(
                .unexpectedToken,
                at: next.offset,
                "expected the end of the expression, found \(next.spelling)"
                    + (isCallable(syntax) ? "" : "; to combine values use join(), default() or a \"${…}\" template")
            )
        }
        return syntax
    }

    private static func isCallable(_ syntax: Syntax) -> Bool {
        if case .call = syntax { return true }
        return false
    }

    private var current: ExpressionToken { tokens[min(position, tokens.count - 1)] }

    private mutating func expression() throws(ExpressionError) -> Syntax {
        let token = current
        switch token.kind {
        case .identifier(let name):
            position += 1
            guard case .leftParenthesis = current.kind else { return .name(name, offset: token.offset) }
            position += 1
            return .call(name, offset: token.offset, arguments: try arguments())
        case .string(let parts):
            position += 1
            var pieces: [StringPiece] = []
            for part in parts {
                switch part {
                case .text(let text): pieces.append(.text(text))
                case .interpolation(let inner, let offset):
                    if case .end = inner[0].kind {
                        throw ExpressionError(.unexpectedToken, at: offset, "'${}' is empty; expected an expression")
                    }
                    pieces.append(.value(try Self.parseAll(inner)))
                }
            }
            return .string(pieces, offset: token.offset)
        default:
            throw ExpressionError(
                .unexpectedToken,
                at: token.offset,
                "expected an attribute name, a function call or a string, found \(token.spelling)"
            )
        }
    }

    /// The arguments after `(`, through the closing `)`.
    private mutating func arguments() throws(ExpressionError) -> [Syntax] {
        var result: [Syntax] = []
        if case .rightParenthesis = current.kind {
            position += 1
            return result
        }
        while true {
            result.append(try expression())
            let token = current
            switch token.kind {
            case .comma: position += 1
            case .rightParenthesis:
                position += 1
                return result
            default:
                throw ExpressionError(
                    .unexpectedToken,
                    at: token.offset,
                    "expected ',' or ')', found \(token.spelling)"
                )
            }
        }
    }
}

extension ExpressionParser {
    /// Type-checks syntax that must be a value.
    static func value(_ syntax: Syntax) throws(ExpressionError) -> ExpressionNode {
        switch syntax {
        case .name(let name, _):
            return .attribute(name.lowercased())
        case .string(let pieces, _):
            if pieces.count == 1, case .text(let text) = pieces[0] { return .literal(text) }
            var result: [ExpressionNode.Piece] = []
            for piece in pieces {
                switch piece {
                case .text(let text): result.append(.text(text))
                case .value(let inner): result.append(.value(try value(inner)))
                }
            }
            return .template(result)
        case .call(let name, let offset, let arguments):
            let function = try function(name, offset: offset, arguments: arguments)
            guard !function.isCondition else {
                throw ExpressionError(
                    .argumentType,
                    at: offset,
                    "\(name)() is a condition; use it as the first argument of if(condition, then, else)"
                )
            }
            return try valueCall(function, arguments)
        }
    }

    private static func valueCall(
        _ function: ExpressionFunction,
        _ arguments: [Syntax]
    ) throws(ExpressionError)
        -> ExpressionNode
    {
        switch function {
        case .lower: return .lower(try value(arguments[0]))
        case .upper: return .upper(try value(arguments[0]))
        case .trim: return .trim(try value(arguments[0]))
        case .first: return .first(try value(arguments[0]))
        case .default: return .defaultValue(try values(arguments))
        case .join: return .join(separator: try value(arguments[0]), try values(Array(arguments.dropFirst())))
        case .replace:
            let pattern = try RegexPattern(literal(arguments[1], function: function), at: arguments[1].offset)
            return .replace(
                try value(arguments[0]),
                pattern,
                replacement: try literal(arguments[2], function: function)
            )
        case .if:
            return .conditional(
                try condition(arguments[0]),
                then: try value(arguments[1]),
                otherwise: arguments.count > 2 ? try value(arguments[2]) : nil
            )
        default:
            preconditionFailure("\(function) is a condition")
        }
    }

    /// Type-checks syntax that must be a condition.
    static func condition(_ syntax: Syntax) throws(ExpressionError) -> ExpressionCondition {
        guard case .call(let name, let offset, let arguments) = syntax else {
            throw ExpressionError(
                .argumentType,
                at: syntax.offset,
                "expected a condition: in_group(\"…\"), has(…), equals(…, …), matches(…, \"…\"), not, and or or"
            )
        }
        let function = try function(name, offset: offset, arguments: arguments)
        switch function {
        case .inGroup: return .inGroup(GroupReference(try literal(arguments[0], function: function)))
        case .has: return .has(try value(arguments[0]))
        case .equals: return .equals(try value(arguments[0]), try value(arguments[1]))
        case .matches:
            let pattern = try RegexPattern(literal(arguments[1], function: function), at: arguments[1].offset)
            return .matches(try value(arguments[0]), pattern)
        case .not: return .not(try condition(arguments[0]))
        case .and, .or:
            var conditions: [ExpressionCondition] = []
            for argument in arguments { conditions.append(try condition(argument)) }
            return function == .and ? .all(conditions) : .any(conditions)
        default:
            throw ExpressionError(
                .argumentType,
                at: offset,
                "\(name)() gives a value, but a condition is needed here: in_group(\"…\"), has(…), equals(…, …), "
                    + "matches(…, \"…\"), not, and or or"
            )
        }
    }

    private static func values(_ arguments: [Syntax]) throws(ExpressionError) -> [ExpressionNode] {
        var result: [ExpressionNode] = []
        for argument in arguments { result.append(try value(argument)) }
        return result
    }

    /// A known function called with an allowed number of arguments.
    private static func function(
        _ name: String,
        offset: Int,
        arguments: [Syntax]
    ) throws(ExpressionError)
        -> ExpressionFunction
    {
        guard let function = ExpressionFunction(rawValue: name.lowercased()) else {
            throw ExpressionError(
                .unknownFunction,
                at: offset,
                "unknown function '\(name)'; the functions are \(ExpressionFunction.names)"
            )
        }
        guard function.arity.contains(arguments.count) else {
            let expected =
                function.arity.upperBound == Int.max
                ? "at least \(function.arity.lowerBound)"
                : function.arity.count == 1
                    ? "\(function.arity.lowerBound)" : "\(function.arity.lowerBound) or \(function.arity.upperBound)"
            throw ExpressionError(
                .argumentCount,
                at: offset,
                "\(function.rawValue)() takes \(expected) argument\(expected == "1" ? "" : "s"), got \(arguments.count): "
                    + function.signature
            )
        }
        return function
    }

    /// A plain string literal (no interpolation), as regex patterns and group names must be.
    private static func literal(_ syntax: Syntax, function: ExpressionFunction) throws(ExpressionError) -> String {
        if case .string(let pieces, _) = syntax {
            if pieces.isEmpty { return "" }
            if pieces.count == 1, case .text(let text) = pieces[0] { return text }
        }
        throw ExpressionError(
            .argumentType,
            at: syntax.offset,
            "expected a string literal here (\(function.signature)), not a computed value"
        )
    }
}
