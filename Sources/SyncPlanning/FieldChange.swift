/// One field an update changes, with its value as seen and the value it gets.
public struct FieldChange: Sendable, Hashable, Codable {
    /// The field's name: `email`, `firstName`, `lastName`, `displayName`, `licences`, `userType`, or a
    /// provider field name (`dept`, `title`).
    public var field: String
    /// The value at the provider (`nil` when absent).
    ///
    /// Licences are sorted and joined with `,`.
    public var before: String?
    /// The value the update sets.
    public var after: String?

    /// Creates a change.
    /// - Parameters:
    ///   - field: the field's name.
    ///   - before: the current value.
    ///   - after: the new value.
    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }
}
