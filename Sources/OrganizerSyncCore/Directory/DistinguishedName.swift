/// A distinguished name (RFC 4514), compared as an LDAP server compares DNs.
///
/// Two names are equal when their ``normalized`` forms are: attribute types compared without case (and
/// `2.5.4.3` or `commonName` equal to `cn`), values unescaped (`\,`, `\2C` and a hex `#04…` BER value are
/// the same), values of the usual naming attributes compared without case, insignificant spaces (around `=`,
/// `,` and `+`, and runs of spaces inside values) ignored, and the values of a multi-valued RDN compared in any
/// order. Values of attributes whose matching rule is case-exact (see ``DistinguishedName/caseExactTypes``) keep
/// their case.
///
/// The type lives in the core module so that the directory reader (group members, nesting), the mappings
/// (groups named by DN, `memberOf` filters) and `explain` all compare DNs the same way. The parser is Swift
/// over UTF-8 bytes, one pass, with no allocation for a DN already in normal form (the common case for the
/// DNs a server returns), since a read normalizes every user DN and every member value.
public struct DistinguishedName: Sendable, Hashable, CustomStringConvertible {
    /// The DN as written.
    public let text: String
    /// The comparison form: lower-case short attribute types, values unescaped and re-escaped one way,
    /// case folded where the matching rule ignores case, RDN values sorted.
    public let normalized: String

    /// Parses `text`; `nil` when it is not a DN under RFC 4514 (also accepting RFC 2253's spaces around
    /// separators, `;` between RDNs, and quoted values).
    public init?(_ text: String) {
        var normalizer = Normalizer()
        guard let normalized = normalizer.normalize(text) else { return nil }
        self.text = text
        self.normalized = normalized
    }

    public static func == (left: Self, right: Self) -> Bool { left.normalized == right.normalized }

    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }

    public var description: String { text }

    /// The key `text` is compared under: its normalized form when it is a DN, and otherwise the text behind a
    /// prefix that no normalized DN starts with (so a malformed value equals nothing but the same text).
    public static func key(_ text: String) -> String {
        var normalizer = Normalizer()
        return normalizer.key(text)
    }

    /// The DN part of a `uniqueMember` value (RFC 4517 NameAndOptionalUID, `dn#'0101'B`): the text before a
    /// trailing `#'…'B` of binary digits, or the whole text when it has none.
    public static func withoutOptionalUID(_ text: String) -> Substring {
        let utf8 = text.utf8
        guard utf8.last == UInt8(ascii: "B") else { return Substring(text) }
        var index = utf8.index(before: utf8.endIndex)
        guard index > utf8.startIndex else { return Substring(text) }
        index = utf8.index(before: index)
        guard utf8[index] == UInt8(ascii: "'") else { return Substring(text) }
        while index > utf8.startIndex {
            index = utf8.index(before: index)
            let byte = utf8[index]
            if byte == UInt8(ascii: "0") || byte == UInt8(ascii: "1") { continue }
            guard byte == UInt8(ascii: "'"), index > utf8.startIndex else { return Substring(text) }
            let hash = utf8.index(before: index)
            guard utf8[hash] == UInt8(ascii: "#") else { return Substring(text) }
            // An escaped `\#` belongs to the last value, not to a UID.
            if hash > utf8.startIndex, utf8[utf8.index(before: hash)] == UInt8(ascii: "\\") { return Substring(text) }
            return text[..<hash]
        }
        return Substring(text)
    }
}
