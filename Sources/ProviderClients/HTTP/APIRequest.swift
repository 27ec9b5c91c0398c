import NIOHTTP1

/// One provider API call, before authentication, rate limiting and retries are added.
struct APIRequest: Sendable {
    /// How the request authenticates.
    enum Authentication: Sendable {
        /// `Authorization: Bearer` with the target's cached access token (renewed once on a 401).
        case bearer
        /// Headers already carry what is needed (token endpoints use HTTP Basic or form credentials).
        case none
    }

    /// The operation name for logs and errors (`users.list`).
    var operation: String
    var method: HTTPMethod
    /// The absolute URL, query included.
    var url: String
    var body: [UInt8]?
    var headers: HTTPHeaders
    var authentication: Authentication
    /// Whether sending twice has the same effect as once (GET, PUT, PATCH, DELETE).
    ///
    /// A request that is not
    /// (POST create) is never resent after it may have reached the provider: its caller decides.
    var isIdempotent: Bool
    /// Whether the request counts against the target's API rate limit (token calls go to another host).
    var isRateLimited: Bool

    init(
        _ operation: String,
        _ method: HTTPMethod,
        _ url: String,
        body: [UInt8]? = nil,
        contentType: String = "application/json",
        headers: HTTPHeaders = [:],
        authentication: Authentication = .bearer,
        isIdempotent: Bool? = nil,
        isRateLimited: Bool = true
    ) {
        self.operation = operation
        self.method = method
        self.url = url
        self.body = body
        var headers = headers
        headers.replaceOrAdd(name: "Accept", value: "application/json")
        if body != nil { headers.replaceOrAdd(name: "Content-Type", value: contentType) }
        self.headers = headers
        self.authentication = authentication
        self.isIdempotent = isIdempotent ?? (method != .POST)
        self.isRateLimited = isRateLimited
    }
}
