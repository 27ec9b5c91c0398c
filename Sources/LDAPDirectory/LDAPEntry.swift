/// One search result entry, copied out of libldap's message into Swift-owned values.
struct LDAPEntry: Sendable {
    /// The entry's DN as the server sent it.
    var dn: String
    /// Values by lower-cased attribute description (`mail`, `member;range=0-1499`), as raw bytes:
    /// values are decoded by length, never as C strings, so binary values survive intact.
    var attributes: [String: [[UInt8]]]

    /// The values of an attribute, decoded as UTF-8.
    func strings(_ name: String) -> [String] {
        (attributes[name.lowercased()] ?? []).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The first value of an attribute, decoded as UTF-8.
    func string(_ name: String) -> String? {
        attributes[name.lowercased()]?.first.map { String(decoding: $0, as: UTF8.self) }
    }
}
