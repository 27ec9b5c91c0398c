/// A transport that answers with a closure: the fake for unit tests.
public struct ClosureTransport: HTTPTransport {
    private let handler: @Sendable (TransportRequest) async throws -> TransportResponse

    /// Creates a transport answering every request with `handler`.
    public init(_ handler: @escaping @Sendable (TransportRequest) async throws -> TransportResponse) {
        self.handler = handler
    }

    public func send(_ request: TransportRequest, timeout: Duration) async throws -> TransportResponse {
        try await handler(request)
    }
}
