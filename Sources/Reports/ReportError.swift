/// A page that cannot be rendered: a template that does not parse, names an unknown template, or would put a
/// value on the page unescaped.
///
/// Compare errors by ``code``. ``description`` names the template, never a value rendered into it.
public struct ReportError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of failure.
    ///
    /// New kinds can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case templateSyntax, unescapedValue, unknownTemplate, duplicateTemplate
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A template does not parse as Mustache.
        public static let templateSyntax = Code(.templateSyntax)
        /// A template uses `{{{ }}}` or `{{& }}`, which would put a value on the page without escaping it.
        public static let unescapedValue = Code(.unescapedValue)
        /// No template of that name was registered.
        public static let unknownTemplate = Code(.unknownTemplate)
        /// Two templates were registered under one name (or under the layout's reserved name).
        public static let duplicateTemplate = Code(.duplicateTemplate)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The template's name.
    public var template: String
    /// Detail for debugging (the parser's message); never shown in ``description``.
    var detail: String?
    /// Where the error was made.
    var location: String

    init(_ code: Code, template: String, detail: String? = nil, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.template = template
        self.detail = detail
        self.location = "\(file):\(line)"
    }

    public static func == (lhs: ReportError, rhs: ReportError) -> Bool { lhs.code == rhs.code }

    public var description: String {
        switch code {
        case .templateSyntax: "report template \(template) does not parse"
        case .unescapedValue: "report template \(template) puts a value on the page unescaped ({{{ }}} or {{& }})"
        case .unknownTemplate: "no report template named \(template)"
        case .duplicateTemplate: "report template \(template) is registered twice"
        default: "report template \(template) cannot be rendered (\(code))"
        }
    }

    public var debugDescription: String {
        description + (detail.map { ": \($0)" } ?? "") + " [\(location)]"
    }
}
