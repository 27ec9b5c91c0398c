/// A field expression or a scope filter cannot be parsed.
///
/// ``offset`` is the 1-based character position inside the expression text; ``MappingLoader`` turns it
/// into a file, line and column and reports a ``ConfigurationError``. Compare errors by ``code``.
/// The message quotes only the expression, never directory data.
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case unexpectedCharacter, unterminatedString, unexpectedToken, unknownFunction, argumentCount
            case argumentType, invalidPattern, unsupported
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A character that starts no token (`#`, `;`).
        public static let unexpectedCharacter = Code(.unexpectedCharacter)
        /// A string literal, a `${` interpolation or a filter without its closing quote, brace or parenthesis.
        public static let unterminatedString = Code(.unterminatedString)
        /// A token where another was expected (`expected ')'`).
        public static let unexpectedToken = Code(.unexpectedToken)
        /// A call of a function the language does not have.
        public static let unknownFunction = Code(.unknownFunction)
        /// A call with too few or too many arguments.
        public static let argumentCount = Code(.argumentCount)
        /// A condition where a value is needed, a value where a condition is needed, or a computed value
        /// where a string literal is needed.
        public static let argumentType = Code(.argumentType)
        /// A regular expression that does not compile.
        public static let invalidPattern = Code(.invalidPattern)
        /// A construct this connector does not evaluate (LDAP extensible match).
        public static let unsupported = Code(.unsupported)

        public var description: String { base.rawValue }
    }

    /// The kind of problem.
    public var code: Code
    /// The 1-based character position in the expression text where the problem is.
    public var offset: Int
    /// What was wrong and what was expected.
    public var message: String

    /// Creates an error at a 1-based character position.
    public init(_ code: Code, at offset: Int, _ message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    public var description: String { "at character \(offset): \(message)" }
}
