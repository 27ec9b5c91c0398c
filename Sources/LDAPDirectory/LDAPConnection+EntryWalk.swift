import CLDAP

#if canImport(Glibc)
import Glibc
#endif

extension LDAPConnection {
    /// Walks the attributes of `entry` in the order the server sent them and returns the entry's DN.
    ///
    /// The one owner of a walk's C memory: the `BerElement` that `ldap_get_dn_ber` allocates is freed with
    /// `ber_free(ber, 0)` when the walk ends, and each value array with `ber_memfree` once `body` returns. The DN
    /// and the attribute descriptions point into `entry` (a search entry message the caller owns), so `body` must
    /// copy what it keeps.
    /// - Parameters:
    ///   - entry: A search entry message, owned by the caller.
    ///   - body: Called once per attribute with its description, its position in the entry, and its values (a
    ///     NULL-terminated array, or `nil` when the server sent none).
    /// - Returns: The DN as the server sent it.
    /// - Throws: ``LDAPError`` when the entry's DN cannot be read; whatever `body` throws.
    func walkAttributes(
        of entry: OpaquePointer,
        _ body: (_ name: berval, _ position: Int, _ values: UnsafeMutablePointer<berval>?) throws -> Void
    ) throws -> String {
        var ber: OpaquePointer?
        var dnValue = berval(bv_len: 0, bv_val: nil)
        let dnCode = ldap_get_dn_ber(handle, entry, &ber, &dnValue)
        defer { if let ber { ber_free(ber, 0) } }
        guard dnCode == LDAP_SUCCESS else { throw error(dnCode, operation: "decode entry") }
        var name = berval(bv_len: 0, bv_val: nil)
        var values: UnsafeMutablePointer<berval>?
        var position = 0
        while ldap_get_attribute_ber(handle, entry, ber, &name, &values) == LDAP_SUCCESS, name.bv_val != nil {
            defer {
                ber_memfree(values)
                values = nil
                position += 1
            }
            try body(name, position, values)
        }
        return dnValue.string
    }
}
