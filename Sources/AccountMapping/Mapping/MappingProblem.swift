/// Something an admin should fix in the directory or the mapping; it does not stop the run.
///
/// ``description`` holds no personal data; the user's anchor and DN are separate properties.
public struct MappingProblem: Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable { case missingEmail, invalidEmail, unknownGroup, invalidField }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A user in scope whose email expression gave no value.
        public static let missingEmail = Code(.missingEmail)
        /// A user in scope whose email is not an address.
        public static let invalidEmail = Code(.invalidEmail)
        /// A group named by the mapping that the directory does not have.
        public static let unknownGroup = Code(.unknownGroup)
        /// A mapped field whose value the provider's contract does not allow (type, length), or a field
        /// the provider does not declare; the field is left out of the account.
        public static let invalidField = Code(.invalidField)

        public var description: String { base.rawValue }
    }

    /// The kind of problem.
    public var code: Code
    /// The user's anchor, for user problems.
    public var anchor: String?
    /// The user's DN, for user problems (personal data: not in ``description``).
    public var dn: String?
    /// What is wrong, without personal data.
    public var message: String

    public var description: String {
        "\(code): \(message)" + (anchor.map { " (anchor \($0))" } ?? "")
    }
}
