/// A failure of the directory read.
///
/// Any such failure aborts the read: there is never a partial snapshot.
///
/// Compare errors by ``code``. ``description`` is a plain-language message for an admin and never
/// contains a password, a DN or server diagnostic text; ``debugDescription`` adds the server's
/// diagnostic message, which may name entries.
public struct LDAPError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidConfiguration, connectFailed, tlsCertificateUntrusted, tlsHostnameMismatch, tlsFailed
            case invalidCredentials, confidentialityRequired, bindFailed, serverDown, timeout
            case sizeLimitExceeded, badFilter, searchFailed, pagingUnsupported
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// A setting that libldap rejected (a malformed URL, an unreadable CA file).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The server could not be reached.
        public static let connectFailed = Code(.connectFailed)
        /// The server's certificate is not signed by a trusted CA.
        public static let tlsCertificateUntrusted = Code(.tlsCertificateUntrusted)
        /// The server's certificate does not name the host in the URL.
        public static let tlsHostnameMismatch = Code(.tlsHostnameMismatch)
        /// Another TLS failure (protocol, StartTLS refused).
        public static let tlsFailed = Code(.tlsFailed)
        /// Wrong bind DN or password (result 49).
        public static let invalidCredentials = Code(.invalidCredentials)
        /// The server refuses a simple bind without TLS.
        public static let confidentialityRequired = Code(.confidentialityRequired)
        /// Any other bind failure.
        public static let bindFailed = Code(.bindFailed)
        /// The connection was lost during an operation.
        public static let serverDown = Code(.serverDown)
        /// An operation did not finish within the configured timeout.
        public static let timeout = Code(.timeout)
        /// The server stopped the search at a size limit: the result would be incomplete.
        public static let sizeLimitExceeded = Code(.sizeLimitExceeded)
        /// The configured filter is not valid LDAP filter syntax.
        public static let badFilter = Code(.badFilter)
        /// Any other search failure.
        public static let searchFailed = Code(.searchFailed)
        /// The server does not support paged results.
        public static let pagingUnsupported = Code(.pagingUnsupported)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The step that failed: `connect`, `TLS handshake`, `TLS certificate check`, `bind`, `search users`, ...
    public var operation: String
    /// The server's URL without its path (`ldaps://ldap.example.com:636`), when the failure involves it.
    public var server: String?
    /// The libldap result code, when there is one.
    public var resultCode: Int32?
    /// libldap's text for ``resultCode`` (`ldap_err2string`), free of personal data.
    public var resultText: String?
    /// The plain-language explanation shown to admins.
    public var message: String
    /// The server's diagnostic message.
    ///
    /// May name entries: shown only in ``debugDescription``.
    public var diagnostic: String?
    var location: String

    init(
        _ code: Code,
        operation: String,
        message: String,
        resultCode: Int32? = nil,
        resultText: String? = nil,
        diagnostic: String? = nil,
        server: String? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.operation = operation
        self.message = message
        self.resultCode = resultCode
        self.resultText = resultText
        self.diagnostic = diagnostic
        self.server = server
        self.location = "\(file):\(line)"
    }

    public static func == (lhs: LDAPError, rhs: LDAPError) -> Bool { lhs.code == rhs.code }

    public var description: String {
        var text = "LDAP \(operation)" + (server.map { " with \($0)" } ?? "") + " failed: \(message)"
        if let resultCode {
            text += " [\(code), result \(resultCode)" + (resultText.map { ": \($0)" } ?? "") + "]"
        } else {
            text += " [\(code)]"
        }
        return text
    }

    public var debugDescription: String {
        description + (diagnostic.map { " diagnostic: \($0)" } ?? "") + " at \(location)"
    }
}
