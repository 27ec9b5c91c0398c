import OrganizerSyncCore

/// A group named in a mapping file: by DN (`cn=Sales,ou=groups,dc=example,dc=com`, when the text holds
/// `=`) or by name (the group's `cn`, compared ignoring case).
public struct GroupReference: Sendable, Hashable, CustomStringConvertible {
    /// The text as written.
    public var text: String
    /// Whether ``text`` is a DN rather than a name.
    public var isDistinguishedName: Bool
    /// The DN in comparable form, or the lower-cased name.
    let key: String
    /// `group:` and the text, the form used in scope reasons and licence rules.
    public let description: String

    /// A reference from the text an admin wrote.
    public init(_ text: String) {
        self.text = text
        isDistinguishedName = text.contains("=")
        key = isDistinguishedName ? Self.normalizedDN(text) : text.lowercased()
        description = "group:\(text)"
    }

    /// The comparison key of a DN (``DistinguishedName/key(_:)``): RFC 4514 equality, as the reader compares
    /// group members.
    static func normalizedDN(_ dn: String) -> String {
        DistinguishedName.key(dn)
    }
}
