import CLDAP
import OrganizerSyncCore

#if canImport(Glibc)
import Glibc
#endif

/// One libldap handle: connected, optionally upgraded with StartTLS, and bound.
///
/// The class owns the `LDAP *` handle from `ldap_initialize` and releases it with `ldap_unbind_ext_s`
/// in `deinit`. libldap keeps per-handle state (the last result code and diagnostic message, the
/// message queue), so a handle must be used by one thread at a time: the type is deliberately not
/// `Sendable`, and ``DirectoryReader`` creates and uses it on one dedicated thread.
final class LDAPConnection {
    /// The `LDAP *` handle; owned by this object.
    let handle: OpaquePointer
    let settings: LDAPConnectionSettings
    /// Milliseconds a synchronous call, or the wait for the next search message, may take.
    let operationTimeoutMilliseconds: Int
    /// The connection's socket as libldap's connect callback reports it, for ``withinHandshakeDeadline(_:_:)``;
    /// owned by this object and freed in `deinit`, after the handle is unbound.
    let socketWatch: UnsafeMutablePointer<cldap_socket_watch>

    /// Creates the handle and sets every option explicitly.
    ///
    /// No network I/O happens here
    /// (`ldap_initialize` only parses the URL); the first operation connects.
    init(settings: LDAPConnectionSettings) throws(LDAPError) {
        LDAPConnection.initializeLibraryOnce()
        var pointer: OpaquePointer?
        let rc = ldap_initialize(&pointer, settings.url)
        guard rc == LDAP_SUCCESS, let pointer else {
            throw LDAPError(
                .invalidConfiguration,
                operation: "connect",
                message: "the server URL is not a valid ldap:// or ldaps:// URL",
                resultCode: rc,
                resultText: LDAPConnection.text(for: rc)
            )
        }
        guard let watch = cldap_socket_watch_install(pointer) else {
            ldap_unbind_ext_s(pointer, nil, nil)
            throw LDAPError(
                .invalidConfiguration,
                operation: "connect",
                message: "libldap refused the connect callback"
            )
        }
        self.handle = pointer
        self.settings = settings
        self.operationTimeoutMilliseconds = Int(settings.operationTimeoutSeconds * 1000)
        self.socketWatch = watch
        try configure()
    }

    deinit {
        ldap_unbind_ext_s(handle, nil, nil)
        cldap_socket_watch_free(socketWatch)
    }

    /// libldap reads `/etc/ldap/ldap.conf`, `~/.ldaprc` and `LDAP*` environment variables on its first
    /// call.
    ///
    /// organizer-sync sets every option itself, so those hidden sources are switched off
    /// (`LDAPNOINIT`) before that first call; the Swift `static let` runs exactly once, thread-safely.
    ///
    /// libldap writes to its socket without `MSG_NOSIGNAL`, so a server that dies between two pages
    /// would raise SIGPIPE and kill the whole process instead of returning `LDAP_SERVER_DOWN`:
    /// SIGPIPE is ignored process-wide (SwiftNIO does the same for its own sockets).
    ///
    /// The variable is removed again once libldap has initialized (the first `ldap_set_option`, in
    /// ``TLSDiagnostics/install()``, does that), so child processes of organizer-sync, such as an
    /// `ldapsearch` a test runs, do not inherit it.
    private static let libraryInitialization: Void = {
        signal(SIGPIPE, SIG_IGN)
        setenv("LDAPNOINIT", "1", 1)
        TLSDiagnostics.install()
        unsetenv("LDAPNOINIT")
    }()

    private static func initializeLibraryOnce() {
        _ = libraryInitialization
    }

    private func configure() throws(LDAPError) {
        try setOption("protocol version") { cldap_set_int_option(handle, LDAP_OPT_PROTOCOL_VERSION, LDAP_VERSION3) }
        try setOption("referrals") {
            cldap_set_bool_option(handle, LDAP_OPT_REFERRALS, settings.followReferrals ? 1 : 0)
        }
        try setOption("restart") { cldap_set_bool_option(handle, LDAP_OPT_RESTART, 1) }
        let connectMilliseconds = Int(settings.connectTimeoutSeconds * 1000)
        try setOption("connect timeout") {
            cldap_set_timeout_option(handle, LDAP_OPT_NETWORK_TIMEOUT, connectMilliseconds)
        }
        try setOption("operation timeout") {
            cldap_set_timeout_option(handle, LDAP_OPT_TIMEOUT, operationTimeoutMilliseconds)
        }
        guard settings.tlsMode != .none else { return }
        // A new handle does not inherit the global CA file name, only an already built global
        // context, so every TLS option is set on the handle and then a new context is built
        // (LDAP_OPT_X_TLS_NEWCTX); see LIBLDAP-NOTES pitfall 9.
        let caFile = settings.caFile ?? LDAPConnection.systemCAFile
        if let caFile {
            guard access(caFile, R_OK) == 0 else {
                throw LDAPError(
                    .invalidConfiguration,
                    operation: "tls setup",
                    message: "the CA file \(caFile) cannot be read"
                )
            }
            try setOption("CA file") { ldap_set_option(handle, LDAP_OPT_X_TLS_CACERTFILE, caFile) }
        }
        let requirement = settings.verifyCertificate ? LDAP_OPT_X_TLS_DEMAND : LDAP_OPT_X_TLS_NEVER
        try setOption("certificate verification") {
            cldap_set_int_option(handle, LDAP_OPT_X_TLS_REQUIRE_CERT, requirement)
        }
        try setOption("TLS context") { cldap_set_int_option(handle, LDAP_OPT_X_TLS_NEWCTX, 0) }
    }

    /// The system CA bundle used when no CA file is configured.
    static var systemCAFile: String? {
        ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"]
            .first { access($0, R_OK) == 0 }
    }

    private func setOption(_ name: String, _ call: () -> Int32) throws(LDAPError) {
        let rc = call()
        guard rc == LDAP_OPT_SUCCESS else {
            throw LDAPError(
                .invalidConfiguration,
                operation: "connect",
                message: "libldap refused the \(name) setting",
                resultCode: rc,
                resultText: LDAPConnection.text(for: rc)
            )
        }
    }

    /// Upgrades the connection with the StartTLS extended operation (RFC 4513).
    func startTLS() throws(LDAPError) {
        _ = TLSDiagnostics.take()
        try withinHandshakeDeadline("starttls") { () throws(LDAPError) in
            let rc = ldap_start_tls_s(handle, nil, nil)
            guard rc == LDAP_SUCCESS else { throw error(rc, operation: "starttls") }
        }
    }

    /// Binds with a simple bind (anonymously when `dn` is `nil`).
    ///
    /// The password bytes are copied into a buffer owned by this function, handed to libldap as a
    /// `berval`, and zeroed before the buffer is released.
    func bind(dn: String?, password: Secret?) throws(LDAPError) {
        _ = TLSDiagnostics.take()
        var bytes = Array((password?.value ?? "").utf8CString.dropLast())
        defer {
            for index in bytes.indices { bytes[index] = 0 }
        }
        // For ldaps:// the bind is the first operation: it connects and shakes hands.
        try withinHandshakeDeadline("bind") { () throws(LDAPError) in
            let rc = bytes.withUnsafeMutableBufferPointer { buffer in
                var credential = berval(bv_len: ber_len_t(buffer.count), bv_val: buffer.baseAddress)
                // LDAP_SASL_SIMPLE is `((char *)0)`, which Swift cannot import: nil is the same.
                return ldap_sasl_bind_s(handle, dn, nil, &credential, nil, nil, nil)
            }
            guard rc == LDAP_SUCCESS else { throw error(rc, operation: "bind") }
        }
    }

    /// Reads the connection's socket through a 16 KB read-ahead buffer from now on (``cldap_add_read_ahead``): a
    /// large search then costs a read per 16 KB instead of two reads and a poll per entry.
    ///
    /// Call once, after the bind and before the searches.
    func readAhead() throws(LDAPError) {
        try setOption("read-ahead") { cldap_add_read_ahead(handle) }
    }

    /// Whether the connection reads through the read-ahead buffer (``readAhead()``).
    var readsAhead: Bool { cldap_has_read_ahead(handle) == 1 }

    /// The diagnostic message the server (or libldap) attached to the last result, if any.
    func diagnosticMessage() -> String? {
        guard let message = cldap_copy_diagnostic_message(handle) else { return nil }
        defer { ldap_memfree(message) }
        let text = String(cString: message)
        return text.isEmpty ? nil : text
    }

    /// libldap's text for a result code.
    static func text(for rc: Int32) -> String {
        guard let text = ldap_err2string(rc) else { return "unknown result" }
        return String(cString: text)
    }
}
