import CLDAP
import OrganizerSyncCore

#if canImport(Glibc)
import Glibc
#endif

extension LDAPConnection {
    /// Runs a paged search (RFC 2696) and hands every entry to `body`, one page at a time.
    ///
    /// Each page's `LDAPMessage` chain is freed before the next page is requested, so at most one page
    /// of raw results is held. The paged-results control is sent as critical: a server that cannot
    /// page refuses the search instead of silently returning a truncated result. Any failure (a result
    /// code other than success on any page, a lost connection, a timeout, a size limit) throws, and the
    /// caller discards whatever it had collected.
    ///
    /// - Parameters:
    ///   - operation: names the search in errors (`search users`).
    ///   - body: receives each entry; it may throw to stop the search.
    func pagedSearch(
        base: String,
        scope: SearchQuery.Scope,
        filter: String,
        attributes: [String],
        pageSize: Int,
        operation: String,
        body: (LDAPEntry) throws -> Void
    ) throws {
        // `char **attrs`: a NULL-terminated array of strdup'ed strings, freed by this function.
        var attributeArray: [UnsafeMutablePointer<CChar>?] = attributes.map { strdup($0) } + [nil]
        defer { for pointer in attributeArray { free(pointer) } }
        // The cookie's bytes are allocated by ldap_parse_pageresponse_control for every page; the
        // previous one is freed before each parse and the last one here (LIBLDAP-NOTES pitfall 4).
        var cookie = berval(bv_len: 0, bv_val: nil)
        defer { ber_memfree(cookie.bv_val) }
        repeat {
            try searchPage(
                base: base,
                scope: scope,
                filter: filter,
                attributes: &attributeArray,
                pageSize: pageSize,
                cookie: &cookie,
                operation: operation,
                body: body
            )
        } while cookie.bv_len > 0
    }

    private func searchPage(
        base: String,
        scope: SearchQuery.Scope,
        filter: String,
        attributes: inout [UnsafeMutablePointer<CChar>?],
        pageSize: Int,
        cookie: inout berval,
        operation: String,
        body: (LDAPEntry) throws -> Void
    ) throws {
        // The request control is owned here and freed with ldap_control_free.
        var pageControl: UnsafeMutablePointer<LDAPControl>?
        let isFirstPage = cookie.bv_val == nil
        let createCode =
            isFirstPage
            ? ldap_create_page_control(handle, ber_int_t(pageSize), nil, 1, &pageControl)
            : ldap_create_page_control(handle, ber_int_t(pageSize), &cookie, 1, &pageControl)
        guard createCode == LDAP_SUCCESS, let pageControl else { throw error(createCode, operation: operation) }
        defer { ldap_control_free(pageControl) }
        var serverControls: [UnsafeMutablePointer<LDAPControl>?] = [pageControl, nil]
        var timeout = timeval(
            tv_sec: operationTimeoutMilliseconds / 1000,
            tv_usec: (operationTimeoutMilliseconds % 1000) * 1000
        )
        // The result chain is owned here and freed with ldap_msgfree, even when the search failed.
        var result: OpaquePointer?
        let searchCode = serverControls.withUnsafeMutableBufferPointer { controls in
            ldap_search_ext_s(
                handle,
                base,
                scope.libldapScope,
                filter,
                &attributes,
                0,
                controls.baseAddress,
                nil,
                &timeout,
                0,
                &result
            )
        }
        defer { ldap_msgfree(result) }
        guard searchCode == LDAP_SUCCESS, let result else {
            throw error(searchCode == LDAP_SUCCESS ? LDAP_OTHER : searchCode, operation: operation)
        }
        var entry = ldap_first_entry(handle, result)
        while let current = entry {
            try body(decodeEntry(current))
            entry = ldap_next_entry(handle, current)
        }
        try readPageCookie(result: result, cookie: &cookie, operation: operation)
    }

    /// Reads the final result of a page and the server's paged-results cookie for the next one.
    private func readPageCookie(result: OpaquePointer, cookie: inout berval, operation: String) throws {
        var resultCode: Int32 = 0
        // Returned controls are owned here and freed with ldap_controls_free.
        var returned: UnsafeMutablePointer<UnsafeMutablePointer<LDAPControl>?>?
        let parseCode = ldap_parse_result(handle, result, &resultCode, nil, nil, nil, &returned, 0)
        defer { ldap_controls_free(returned) }
        guard parseCode == LDAP_SUCCESS else { throw error(parseCode, operation: operation) }
        guard resultCode == LDAP_SUCCESS else { throw error(resultCode, operation: operation) }
        ber_memfree(cookie.bv_val)
        cookie = berval(bv_len: 0, bv_val: nil)
        guard let response = ldap_control_find(LDAP_CONTROL_PAGEDRESULTS, returned, nil) else {
            // No response control: the server answered the whole result in one page.
            return
        }
        var estimate: ber_int_t = 0
        let cookieCode = ldap_parse_pageresponse_control(handle, response, &estimate, &cookie)
        guard cookieCode == LDAP_SUCCESS else { throw error(cookieCode, operation: operation) }
    }

    /// Copies one entry out of the message. The DN and attribute descriptions returned by
    /// `ldap_get_dn_ber`/`ldap_get_attribute_ber` point into the message (not freed); only the value
    /// array is allocated (freed with `ber_memfree`), and the `BerElement` with `ber_free(ber, 0)`.
    private func decodeEntry(_ entry: OpaquePointer) throws -> LDAPEntry {
        var ber: OpaquePointer?
        var dnValue = berval(bv_len: 0, bv_val: nil)
        let dnCode = ldap_get_dn_ber(handle, entry, &ber, &dnValue)
        defer { if let ber { ber_free(ber, 0) } }
        guard dnCode == LDAP_SUCCESS else { throw error(dnCode, operation: "decode entry") }
        var attributes: [String: [[UInt8]]] = [:]
        var name = berval(bv_len: 0, bv_val: nil)
        var values: UnsafeMutablePointer<berval>?
        while ldap_get_attribute_ber(handle, entry, ber, &name, &values) == LDAP_SUCCESS, name.bv_val != nil {
            var decoded: [[UInt8]] = []
            if let values {
                var index = 0
                while let bytes = values[index].bv_val {
                    decoded.append(Array(UnsafeRawBufferPointer(start: bytes, count: Int(values[index].bv_len))))
                    index += 1
                }
                ber_memfree(values)
            }
            attributes[name.string.lowercased()] = decoded
            values = nil
        }
        return LDAPEntry(dn: dnValue.string, attributes: attributes)
    }
}

extension berval {
    /// The value decoded as UTF-8 by its length (bervals are not NUL-terminated).
    var string: String {
        guard let bv_val else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bv_val, count: Int(bv_len)), as: UTF8.self)
    }
}

extension SearchQuery.Scope {
    var libldapScope: Int32 {
        switch self {
        case .base: LDAP_SCOPE_BASE
        case .one: LDAP_SCOPE_ONELEVEL
        case .subtree: LDAP_SCOPE_SUBTREE
        }
    }
}
