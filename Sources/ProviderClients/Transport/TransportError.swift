/// No answer arrived for a request.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// Why no answer arrived; it decides whether the request can have taken effect.
    public enum Kind: String, Sendable {
        /// The connection could not be opened: the request never left, any retry is safe.
        case connectFailed
        /// The answer did not come in time: the request may have taken effect.
        case timedOut
        /// The connection closed or reset mid-exchange: the request may have taken effect.
        case connectionReset
        /// Anything else: treated like a reset.
        case other
    }

    /// Why no answer arrived.
    public var kind: Kind
    /// The transport's own error, for debugging.
    public var underlyingError: (any Error)?

    /// Creates an error.
    public init(_ kind: Kind, underlyingError: (any Error)? = nil) {
        self.kind = kind
        self.underlyingError = underlyingError
    }

    public var description: String { "transport: \(summary)" }

    /// What failed, in a few words: the kind, and the transport's own reason when it has a short one
    /// (`connectFailed: connection refused`).
    ///
    /// Holds no request data.
    public var summary: String {
        guard let underlyingError else { return kind.rawValue }
        var text = String(describing: underlyingError)
        if text.count > 160 { text = String(text.prefix(160)) + "…" }
        return "\(kind.rawValue): \(text)"
    }
}
