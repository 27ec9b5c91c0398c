public import AsyncHTTPClient
import NIOCore

/// The AsyncHTTPClient settings the provider clients need, and a shared client with them.
///
/// Redirects are off: AsyncHTTPClient would otherwise follow a 3xx with the same headers and body, so a
/// 307 from a token endpoint would carry `client_secret` and `refresh_token`, and a 30x from the API the
/// bearer token, to whatever origin the answer names. ``ProviderHTTP`` turns any 3xx into an error.
public enum ProviderHTTPClient {
    /// A configuration with redirects disallowed and a connect timeout of 3 s (AsyncHTTPClient keeps
    /// retrying a refused connection until its connect timeout, 10 s by default, before the request fails
    /// and the client's own visible, budgeted retries can start); everything else is AsyncHTTPClient's
    /// default.
    public static var configuration: HTTPClient.Configuration { configuration(connectTimeout: .seconds(3)) }

    /// ``configuration`` with another connect timeout.
    public static func configuration(connectTimeout: Duration) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout.connect = .nanoseconds(connectTimeout.nanoseconds)
        return configuration
    }

    /// A process-wide client with ``configuration``; it lives as long as the process and is never shut down.
    public static let shared = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: configuration
    )
}
