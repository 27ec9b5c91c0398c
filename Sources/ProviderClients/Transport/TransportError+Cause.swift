extension TransportError {
    /// What failed on the way to an answer, in the terms an admin acts on.
    public enum Cause: String, Sendable {
        /// The host name did not resolve (DNS).
        case nameNotResolved = "host name not resolved"
        /// The address answered but nothing accepted the connection.
        case refused = "connection refused"
        /// No route to the host or its network.
        case unreachable = "host unreachable"
        /// The connection was not established within the connect timeout.
        case connectTimeout = "connect timed out"
        /// The TLS handshake failed (certificate, protocol, or a plain-HTTP port).
        case tls = "TLS handshake failed"
        /// The request was sent but no answer came within the request timeout.
        case timeout = "no answer within the request timeout"
        /// The connection closed or was reset mid-exchange.
        case reset = "connection closed mid-exchange"
        /// Anything else.
        case other = "transport error"

        /// What the admin can check, in one clause; `urlKey` names the configuration key holding the URL.
        public func advice(urlKey: String) -> String {
            switch self {
            case .nameNotResolved: "check the host name in \(urlKey) and this machine's DNS"
            case .refused: "check \(urlKey) (host and port) and that the service or proxy there is up"
            case .unreachable: "check this machine's network route and firewall to that host"
            case .connectTimeout: "check the firewall or proxy between this machine and that host"
            case .tls: "check that \(urlKey) is the provider's https:// URL and that its certificate is trusted"
            case .timeout: "the provider or the network is slow: retry later or raise timeout_seconds"
            case .reset: "the provider or a proxy closed the connection: retry later"
            case .other: "see the log at debug for the transport's own error"
            }
        }
    }

    /// What failed: read from the transport's own error when it says (DNS, refused, TLS), else from ``kind``.
    public var cause: Cause {
        if let underlyingError, let cause = Self.cause(describedBy: String(describing: underlyingError)) {
            return cause
        }
        return switch kind {
        case .connectFailed: .connectTimeout
        case .timedOut: .timeout
        case .connectionReset: .reset
        case .other: .other
        }
    }

    /// The cause a SwiftNIO or AsyncHTTPClient error names in its text (`NIOConnectionError` holds the DNS and
    /// per-address connect errors; `IOError` an errno; NIOSSL its handshake errors), or `nil`.
    public static func cause(describedBy text: String) -> Cause? {
        let text = text.lowercased()
        // Connect errors first: NIOConnectionError may hold a failed AAAA lookup beside a refused IPv4 connect.
        if text.contains("refused") { return .refused }
        if text.contains("unreachable") { return .unreachable }
        // NIOConnectionError lists the DNS answers' errors: `dnsAError: Optional(...SocketAddressError.unknown`.
        if text.contains("socketaddresserror") || text.contains("getaddrinfo") || text.contains("name resolution") {
            return .nameNotResolved
        }
        if text.contains("tls") || text.contains("ssl") || text.contains("certificate") || text.contains("handshake") {
            return .tls
        }
        if text.contains("connecttimeout") || text.contains("connect timeout") { return .connectTimeout }
        if text.contains("deadlineexceeded") || text.contains("readtimeout") { return .timeout }
        return nil
    }
}
