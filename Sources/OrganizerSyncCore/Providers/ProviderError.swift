/// A failure talking to a provider's admin API.
///
/// Compare errors by ``code``. ``description`` never holds personal data or secrets: it names the provider,
/// the operation, the HTTP status and the provider's own error code and tracking id, which support desks ask
/// for. Emails, names and response bodies go only into ``debugDescription``. Secrets and tokens go nowhere.
public struct ProviderError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of failure.
    ///
    /// New kinds can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case configuration, authenticationFailed, unauthorized, forbidden, notFound, conflict
            case invalidRequest, rateLimited, serverError, timedOut, connectionFailed, invalidResponse
            case unexpectedStatus, incompleteListing, refusedURL, unknownEndpoint
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The target's configuration is unusable (a secret cannot be read, a URL is malformed).
        public static let configuration = Code(.configuration)
        /// The OAuth token endpoint refused the credentials.
        public static let authenticationFailed = Code(.authenticationFailed)
        /// HTTP 401 even with a freshly issued token.
        public static let unauthorized = Code(.unauthorized)
        /// HTTP 403: missing scope or admin role.
        public static let forbidden = Code(.forbidden)
        /// HTTP 404, or a lookup found no account.
        public static let notFound = Code(.notFound)
        /// HTTP 409, or another account already holds the email.
        public static let conflict = Code(.conflict)
        /// HTTP 400 or 422: the provider rejected the request.
        public static let invalidRequest = Code(.invalidRequest)
        /// HTTP 429 (or Webex 423) beyond the retry budget, or a wait longer than allowed (Zoom daily limit).
        public static let rateLimited = Code(.rateLimited)
        /// HTTP 5xx beyond the retry budget.
        public static let serverError = Code(.serverError)
        /// No answer within the request timeout.
        public static let timedOut = Code(.timedOut)
        /// The connection could not be opened or was reset.
        public static let connectionFailed = Code(.connectionFailed)
        /// The answer could not be decoded, or lacks a required field.
        public static let invalidResponse = Code(.invalidResponse)
        /// Any other HTTP status.
        public static let unexpectedStatus = Code(.unexpectedStatus)
        /// A listing could not be completed and was refused rather than returned in part: a repeated page
        /// token or URL, a page without progress, more pages than the reported total allows, a count short
        /// of the reported total, or the listing's deadline passed.
        public static let incompleteListing = Code(.incompleteListing)
        /// The client refused to send a request: a redirect, a `next` link to another origin, or an
        /// `http://` URL on a target that does not allow insecure HTTP.
        public static let refusedURL = Code(.refusedURL)
        /// The provider does not know the endpoint or method called (Zoom 404 code 2300, any 405, a 404 on a
        /// collection): a wrong `api_base_url` or an API that changed.
        ///
        /// Never taken as "no such account".
        public static let unknownEndpoint = Code(.unknownEndpoint)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The provider that failed.
    public var provider: ProviderKind
    /// The operation, as `resource.verb` (`users.create`, `people.update`, `oauth.token`).
    public var operation: String
    /// The HTTP status, when an answer arrived.
    public var httpStatus: Int?
    /// The provider's own error code: GoTo `errors[0].code`, Zoom `code`, Webex `errors[0].errorCode`.
    public var providerCode: String?
    /// The provider's tracking id for support: Webex `trackingId`, GoTo `incidentId`, Zoom `x-zm-trackingid`.
    public var trackingID: String?
    /// How long the provider asked to wait, when it did.
    public var retryAfter: Duration?
    /// The response field at fault, for ``Code/invalidResponse`` (`users[3].email`): names, never values.
    public var field: String?
    /// Whether the request may have taken effect although no answer arrived (a lost answer to a write).
    public var isOutcomeUnknown: Bool
    /// Where the error was made (`file:line`).
    public var location: String
    /// The cause, when there is one (a transport or decoding error).
    public var underlyingError: (any Error)?
    /// Provider message or response excerpt; may hold personal data, so only ``debugDescription`` shows it.
    public var detail: String?
    /// Why the client gave up, in words fixed by the client (never personal data or secrets), shown in
    /// ``description``: `next_page_token repeated after 3 pages`.
    public var reason: String?
    /// The host (`api.zoom.us:443`) the failed request went to, shown in ``description`` for connection
    /// failures so the admin knows which address could not be reached.
    public var host: String?
    /// The URL of the failed request without its query (which may hold secrets) and with email addresses in
    /// the path replaced, shown in ``description`` (instead of ``host``) for connection failures.
    public var url: String?

    /// Creates an error.
    public init(
        _ code: Code,
        provider: ProviderKind,
        operation: String,
        httpStatus: Int? = nil,
        providerCode: String? = nil,
        trackingID: String? = nil,
        retryAfter: Duration? = nil,
        isOutcomeUnknown: Bool = false,
        field: String? = nil,
        detail: String? = nil,
        reason: String? = nil,
        host: String? = nil,
        underlyingError: (any Error)? = nil,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.provider = provider
        self.operation = operation
        self.httpStatus = httpStatus
        self.providerCode = providerCode
        self.trackingID = trackingID
        self.retryAfter = retryAfter
        self.isOutcomeUnknown = isOutcomeUnknown
        self.field = field
        self.detail = detail
        self.reason = reason
        self.host = host
        self.underlyingError = underlyingError
        self.location = "\(file):\(line)"
    }

    /// One line without personal data: provider, operation, code, HTTP status, provider code, tracking id, and
    /// what to do next (``nextStep``).
    public var description: String {
        var text = "\(provider) \(operation) failed: \(code)"
        var extras: [String] = []
        if let reason { extras.append(reason) }
        if let url {
            extras.append("URL \(url)")
        } else if let host {
            extras.append("host \(host)")
        }
        if let httpStatus { extras.append("HTTP \(httpStatus)") }
        if let field { extras.append("field \(field)") }
        if let providerCode { extras.append("provider code \(providerCode)") }
        if let trackingID { extras.append("tracking id \(trackingID)") }
        if isOutcomeUnknown { extras.append("outcome unknown") }
        if !extras.isEmpty { text += " (" + extras.joined(separator: ", ") + ")" }
        let next = nextStep
        if !next.isEmpty { text += "; " + next }
        return text
    }

    /// The description plus the detail and the cause; may hold personal data, never secrets.
    public var debugDescription: String {
        var text = "ProviderError(\(description)"
        if let detail { text += ", detail: \(detail)" }
        if let underlyingError { text += ", underlying: \(String(describing: underlyingError))" }
        return text + ", at: \(location))"
    }
}
