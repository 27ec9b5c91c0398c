public import AsyncHTTPClient
import NIOCore
import NIOHTTP1

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The production transport: AsyncHTTPClient, with its failures sorted into ``TransportError`` kinds.
public struct AsyncHTTPClientTransport: HTTPTransport {
    /// The `User-Agent` every request carries unless it names its own.
    ///
    /// Providers see who is calling; the
    /// simulator's exchange records tell the real clients' requests from hand-written test requests by it.
    public static let userAgent = "organizer-sync"

    private let client: HTTPClient
    /// The largest answer accepted, in bytes.
    private let maxResponseBytes: Int

    /// Creates a transport over a client whose lifetime the caller owns.
    public init(client: HTTPClient, maxResponseBytes: Int = 64 * 1024 * 1024) {
        self.client = client
        self.maxResponseBytes = maxResponseBytes
    }

    public func send(_ request: TransportRequest, timeout: Duration) async throws -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = request.method
        outgoing.headers = request.headers
        if !outgoing.headers.contains(name: "User-Agent") {
            outgoing.headers.add(name: "User-Agent", value: Self.userAgent)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(outgoing, timeout: .nanoseconds(timeout.nanoseconds))
            let body = try await response.body.collect(upTo: maxResponseBytes)
            return TransportResponse(
                status: Int(response.status.code),
                headers: response.headers,
                body: Array(buffer: body)
            )
        } catch let error as HTTPClientError {
            if Task.isCancelled { throw CancellationError() }
            throw TransportError(Self.kind(of: error), underlyingError: error)
        } catch let error as ChannelError {
            if case .connectTimeout = error { throw TransportError(.connectFailed, underlyingError: error) }
            throw TransportError(.connectionReset, underlyingError: error)
        } catch let error as IOError {
            // AsyncHTTPClient retries a refused connection until its connect timeout, then reports the
            // last IOError: nothing was sent, so it is a connect failure, not a reset.
            let neverConnected = [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL].contains(error.errnoCode)
            throw TransportError(neverConnected ? .connectFailed : .connectionReset, underlyingError: error)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let text = String(describing: error)
            // NIO reports a refused connection as a NIOConnectionError / connection refused; nothing was sent.
            if text.contains("refused") || text.contains("NIOConnectionError") {
                throw TransportError(.connectFailed, underlyingError: error)
            }
            throw TransportError(.other, underlyingError: error)
        }
    }

    private static func kind(of error: HTTPClientError) -> TransportError.Kind {
        switch error {
        case .connectTimeout, .socksHandshakeTimeout, .tlsHandshakeTimeout, .proxyAuthenticationRequired:
            .connectFailed
        case .deadlineExceeded, .readTimeout, .writeTimeout:
            .timedOut
        case .remoteConnectionClosed, .cancelled:
            .connectionReset
        default:
            .other
        }
    }
}
