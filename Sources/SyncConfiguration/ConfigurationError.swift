/// A configuration or mapping file is wrong.
///
/// The description names the file, line, column and key,
/// and says what was expected. It never contains a secret: secrets are not in these files.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case fileUnreadable, syntax, unknownKey, missingKey, invalidValue, presetNotFound, conflict
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        public static let fileUnreadable = Code(.fileUnreadable)
        public static let syntax = Code(.syntax)
        public static let unknownKey = Code(.unknownKey)
        public static let missingKey = Code(.missingKey)
        public static let invalidValue = Code(.invalidValue)
        public static let presetNotFound = Code(.presetNotFound)
        public static let conflict = Code(.conflict)
        public var description: String { base.rawValue }
    }

    public var code: Code
    /// Where the problem is (file, line, column), when known.
    public var location: ConfigLocation?
    /// The dotted key path (`directory.tls.mode`), when the problem is about a key.
    public var keyPath: String?
    public var message: String

    public init(_ code: Code, at location: ConfigLocation?, keyPath: String?, _ message: String) {
        self.code = code
        self.location = location
        self.keyPath = keyPath
        self.message = message
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    public var description: String {
        var parts: [String] = []
        if let location { parts.append("\(location)") }
        if let keyPath { parts.append(keyPath) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}

/// A place in a configuration or mapping file.
public struct ConfigLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}
