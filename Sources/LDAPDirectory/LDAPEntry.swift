/// One search result entry, copied out of libldap's message into Swift-owned values.
///
/// Values are decoded by length, never as C strings. Attributes named as binary are kept as bytes
/// in ``binary``; all others are decoded as UTF-8 text into ``attributes``.
struct LDAPEntry: Sendable {
    /// The entry's DN as the server sent it.
    var dn: String
    /// Text values by lower-cased attribute description (`mail`, `member;range=0-1499`).
    var attributes: [String: [String]]
    /// Byte values of the attributes the search named as binary, by lower-cased name.
    var binary: [String: [[UInt8]]] = [:]

    /// The first value of a text attribute.
    func string(_ name: String) -> String? {
        attributes[name.lowercased()]?.first
    }
}
