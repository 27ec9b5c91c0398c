public import NIOHTTP1

/// The seam between the provider clients and the network.
///
/// Production uses ``AsyncHTTPClientTransport``; unit tests use ``ClosureTransport``. A transport sends one
/// request and returns the whole answer, whatever its status; it throws ``TransportError`` only when no
/// answer arrived.
public protocol HTTPTransport: Sendable {
    /// Sends one request.
    /// - Parameters:
    ///   - request: the request.
    ///   - timeout: how long to wait for the whole answer.
    /// - Returns: the answer, any status.
    /// - Throws: ``TransportError`` when no answer arrived.
    func send(_ request: TransportRequest, timeout: Duration) async throws -> TransportResponse
}

/// One HTTP request, fully built.
public struct TransportRequest: Sendable {
    /// The method.
    public var method: HTTPMethod
    /// The absolute URL, query included.
    public var url: String
    /// The headers, `Authorization` included.
    public var headers: HTTPHeaders
    /// The body, if any.
    public var body: [UInt8]?

    /// Creates a request.
    public init(method: HTTPMethod, url: String, headers: HTTPHeaders = [:], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One HTTP answer.
public struct TransportResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The headers.
    public var headers: HTTPHeaders
    /// The body.
    public var body: [UInt8]

    /// Creates an answer.
    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Creates an answer with a UTF-8 body.
    public init(status: Int, headers: HTTPHeaders = [:], text: String) {
        self.init(status: status, headers: headers, body: Array(text.utf8))
    }
}
