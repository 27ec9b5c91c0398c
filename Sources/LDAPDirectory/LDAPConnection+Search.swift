import CLDAP
import OrganizerSyncCore

#if canImport(Glibc)
import Glibc
#endif

extension LDAPConnection {
    /// Runs a paged search (RFC 2696) and hands every entry to `body`, decoded into an ``LDAPEntry``.
    ///
    /// See ``pagedSearchMessages(base:scope:filter:attributes:pageSize:operation:afterPage:body:)``.
    ///
    /// - Parameters:
    ///   - base: the search base DN.
    ///   - scope: base, one level or subtree.
    ///   - filter: the LDAP filter (RFC 4515 text).
    ///   - attributes: the attributes to return.
    ///   - binaryAttributes: lower-cased names whose values are kept as bytes.
    ///   - pageSize: the entries per page asked of the server.
    ///   - operation: names the search in errors (`search users`).
    ///   - afterPage: called with the page number after each page was handled.
    ///   - body: receives each entry; it may throw to stop the search.
    /// - Throws: ``LDAPError`` for any failure of the search or of decoding an entry, or what `body` throws.
    func pagedSearch(
        base: String,
        scope: SearchQuery.Scope,
        filter: String,
        attributes: [String],
        binaryAttributes: Set<String> = [],
        pageSize: Int,
        operation: String,
        afterPage: (Int) -> Void = { _ in },
        body: (LDAPEntry) throws -> Void
    ) throws {
        var decoder = EntryDecoder(binaryAttributes: binaryAttributes)
        try pagedSearchMessages(
            base: base,
            scope: scope,
            filter: filter,
            attributes: attributes,
            pageSize: pageSize,
            operation: operation,
            afterPage: afterPage
        ) { message in
            try body(decoder.decode(message, connection: self))
        }
    }

    /// Runs a paged search (RFC 2696) and hands every entry message to `body`, which reads what it needs from
    /// it (the message is freed afterwards: `body` must not keep it).
    ///
    /// A page's messages are taken one at a time with `ldap_result(LDAP_MSG_ONE)` and kept undecoded until the
    /// page's final result; the request for the next page is sent then, and the kept messages are decoded while
    /// the server works on it, so the client's decoding overlaps the server's search instead of following it.
    /// The paged-results control is sent as critical: a server that cannot page refuses the search instead of
    /// silently returning a truncated result. Any failure (a result code other than success on any page, a lost
    /// connection, a timeout, a size limit) throws, and the caller discards whatever it had collected.
    ///
    /// - Parameters:
    ///   - base: the search base DN.
    ///   - scope: base, one level or subtree.
    ///   - filter: the LDAP filter (RFC 4515 text).
    ///   - attributes: the attributes to return.
    ///   - pageSize: the entries per page asked of the server.
    ///   - operation: names the search in errors (`search users`).
    ///   - afterPage: called with the page number after each page was handled.
    ///   - body: receives each entry message; it may throw to stop the search.
    /// - Throws: ``LDAPError`` for any failure of the search, or what `body` throws.
    func pagedSearchMessages(
        base: String,
        scope: SearchQuery.Scope,
        filter: String,
        attributes: [String],
        pageSize: Int,
        operation: String,
        afterPage: (Int) -> Void = { _ in },
        body: (OpaquePointer) throws -> Void
    ) throws {
        // `char **attrs`: a NULL-terminated array of strdup'ed strings, freed by this function.
        var attributeArray: [UnsafeMutablePointer<CChar>?] = attributes.map { strdup($0) } + [nil]
        defer { for pointer in attributeArray { free(pointer) } }
        // The cookie's bytes are allocated by ldap_parse_pageresponse_control for every page; the
        // previous one is freed before each parse and the last one here (LIBLDAP-NOTES pitfall 4).
        var cookie = berval(bv_len: 0, bv_val: nil)
        defer { ber_memfree(cookie.bv_val) }
        // The entry messages of the page being handled, owned here: each is freed with ldap_msgfree once
        // decoded, and any left over when something throws are freed by the defer.
        var pending: [OpaquePointer] = []
        pending.reserveCapacity(min(max(pageSize, 1), 5000))
        var decoded = 0
        defer { for message in pending[decoded...] { ldap_msgfree(message) } }
        var page = 0
        // The next page is asked for with the cookie of the last one received (none for the first).
        func requestPage() throws -> Int32 {
            try sendPageRequest(
                base: base,
                scope: scope,
                filter: filter,
                attributes: &attributeArray,
                pageSize: pageSize,
                cookie: &cookie,
                operation: operation
            )
        }
        var messageID = try requestPage()
        while true {
            for message in pending[decoded...] { ldap_msgfree(message) }
            pending.removeAll(keepingCapacity: true)
            decoded = 0
            try receivePage(messageID: messageID, cookie: &cookie, entries: &pending, operation: operation)
            let more = cookie.bv_len > 0
            if more {
                messageID = try requestPage()
            }
            while decoded < pending.count {
                let message = pending[decoded]
                decoded += 1
                defer { ldap_msgfree(message) }
                try body(message)
            }
            page += 1
            afterPage(page)
            if !more { return }
        }
    }

    private func sendPageRequest(
        base: String,
        scope: SearchQuery.Scope,
        filter: String,
        attributes: inout [UnsafeMutablePointer<CChar>?],
        pageSize: Int,
        cookie: inout berval,
        operation: String
    ) throws -> Int32 {
        // The request control is owned here and freed with ldap_control_free once the request is sent.
        var pageControl: UnsafeMutablePointer<LDAPControl>?
        let createCode =
            cookie.bv_val == nil
            ? ldap_create_page_control(handle, ber_int_t(pageSize), nil, 1, &pageControl)
            : ldap_create_page_control(handle, ber_int_t(pageSize), &cookie, 1, &pageControl)
        guard createCode == LDAP_SUCCESS, let pageControl else { throw error(createCode, operation: operation) }
        defer { ldap_control_free(pageControl) }
        var serverControls: [UnsafeMutablePointer<LDAPControl>?] = [pageControl, nil]
        var messageID: Int32 = 0
        let searchCode = serverControls.withUnsafeMutableBufferPointer { controls in
            ldap_search_ext(
                handle,
                base,
                scope.libldapScope,
                filter,
                &attributes,
                0,
                controls.baseAddress,
                nil,
                nil,
                0,
                &messageID
            )
        }
        guard searchCode == LDAP_SUCCESS else { throw error(searchCode, operation: operation) }
        return messageID
    }

    /// Takes the page's messages one by one until its final result, which carries the next cookie; the entry
    /// messages are appended to `entries` undecoded (the caller owns and frees them).
    private func receivePage(
        messageID: Int32,
        cookie: inout berval,
        entries: inout [OpaquePointer],
        operation: String
    ) throws {
        while true {
            // The operation timeout bounds the wait for each message: a server that stops answering
            // in the middle of a page is detected as quickly as one that never answers.
            var timeout = timeval(
                tv_sec: operationTimeoutMilliseconds / 1000,
                tv_usec: (operationTimeoutMilliseconds % 1000) * 1000
            )
            // Each message is owned here until it is handed to `entries`, and otherwise freed with ldap_msgfree.
            var message: OpaquePointer?
            let type = ldap_result(handle, messageID, LDAP_MSG_ONE, &timeout, &message)
            if type == Int32(LDAP_RES_SEARCH_ENTRY), let message {
                entries.append(message)
                continue
            }
            defer { ldap_msgfree(message) }
            switch type {
            case 0:
                ldap_abandon_ext(handle, messageID, nil, nil)
                throw error(LDAP_TIMEOUT, operation: operation)
            case -1:
                throw error(cldap_result_code(handle), operation: operation)
            case Int32(LDAP_RES_SEARCH_RESULT):
                guard let message else { throw error(LDAP_OTHER, operation: operation) }
                try readPageCookie(result: message, cookie: &cookie, operation: operation)
                return
            default:
                // Search references (referrals) are not followed unless configured; libldap chases
                // them itself when it is.
                continue
            }
        }
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
}

/// Copies entries out of libldap messages.
///
/// The DN and attribute descriptions returned by `ldap_get_dn_ber`/`ldap_get_attribute_ber` point
/// into the message (not freed); only the value array is allocated (freed with `ber_memfree`), and the
/// `BerElement` with `ber_free(ber, 0)`. Attribute descriptions are lower-cased once per spelling the
/// server uses, not once per entry: servers send attributes in the same order entry after entry, so
/// the name at each position is first compared with the one seen there before.
struct EntryDecoder {
    let binaryAttributes: Set<String>
    /// The lower-cased name of each attribute description, and whether the attribute is binary.
    private var names = AttributeNameCache<(key: String, isBinary: Bool)>()

    init(binaryAttributes: Set<String>) {
        self.binaryAttributes = binaryAttributes
    }

    mutating func decode(_ entry: OpaquePointer, connection: LDAPConnection) throws -> LDAPEntry {
        // Sized for as many attributes as the previous entry had: no rehashing while it fills.
        var attributes = [String: [String]](minimumCapacity: names.count)
        var binaryValues: [String: [[UInt8]]] = [:]
        let binary = binaryAttributes
        let dn = try connection.walkAttributes(of: entry) { name, position, values in
            let (key, isBinary) = names.value(of: name, at: position) { ($0, binary.contains($0)) }
            guard let values else {
                attributes[key] = []
                return
            }
            if isBinary {
                var bytes: [[UInt8]] = []
                var index = 0
                while let start = values[index].bv_val {
                    bytes.append(Array(UnsafeRawBufferPointer(start: start, count: Int(values[index].bv_len))))
                    index += 1
                }
                binaryValues[key] = bytes
            } else {
                var strings: [String] = []
                var index = 0
                while values[index].bv_val != nil {
                    strings.append(values[index].string)
                    index += 1
                }
                attributes[key] = strings
            }
        }
        return LDAPEntry(dn: dn, attributes: attributes, binary: binaryValues)
    }
}

extension berval {
    /// Whether the value's bytes are exactly the UTF-8 of `text`.
    func equals(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count == Int(bv_len) else { return false }
            guard let base = utf8.baseAddress, let value = bv_val else { return utf8.count == 0 }
            return memcmp(base, value, utf8.count) == 0
        }
    }

    /// The value decoded as UTF-8 by its length (bervals are not NUL-terminated).
    var string: String {
        guard let value = bv_val else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: value, count: Int(bv_len)), as: UTF8.self)
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
