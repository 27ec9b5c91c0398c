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

    /// A DN in a form fit for comparison: lower-cased, without spaces around unescaped `,`, `+` and `=`.
    static func normalizedDN(_ dn: String) -> String {
        if !dn.utf8.contains(where: { $0 == UInt8(ascii: " ") || (65...90).contains($0) || $0 >= 0x80 }) { return dn }
        var result = ""
        result.reserveCapacity(dn.utf8.count)
        var pendingSpaces = ""
        var isEscaped = false
        var isAfterSeparator = true
        for character in dn {
            if isEscaped {
                result += pendingSpaces + character.lowercased()
                pendingSpaces = ""
                isEscaped = false
                isAfterSeparator = false
            } else if character == " " {
                pendingSpaces.append(" ")
            } else if character == "," || character == "+" || character == "=" {
                pendingSpaces = ""
                result.append(character)
                isAfterSeparator = true
            } else {
                if !isAfterSeparator { result += pendingSpaces }
                pendingSpaces = ""
                result += character.lowercased()
                isEscaped = character == "\\"
                isAfterSeparator = false
            }
        }
        return result
    }
}
