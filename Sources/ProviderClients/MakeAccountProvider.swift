public import AsyncHTTPClient
public import Logging
public import OrganizerSyncCore

/// Makes the client of one target, over AsyncHTTPClient.
/// - Parameters:
///   - configuration: the target.
///   - httpClient: the HTTP client; the caller owns its lifetime.
///   - logger: where the client logs (never secrets or tokens).
/// - Returns: the provider's client.
public func makeAccountProvider(
    _ configuration: ProviderConfiguration,
    httpClient: HTTPClient,
    logger: Logger
) -> any AccountProvider {
    makeMeasuredAccountProvider(
        configuration,
        transport: AsyncHTTPClientTransport(client: httpClient),
        clock: ContinuousClock(),
        logger: logger
    )
}

/// Makes the client of one target over any transport and clock: tests pass a ``ClosureTransport`` and a
/// clock whose `sleep` returns at once.
/// - Returns: the provider's client, with its request statistics.
public func makeMeasuredAccountProvider<C: Clock>(
    _ configuration: ProviderConfiguration,
    transport: any HTTPTransport,
    clock: C,
    logger: Logger
) -> any MeasuredAccountProvider where C.Duration == Duration {
    let core = ClientCore(
        configuration: configuration,
        transport: transport,
        clock: ProviderClock(clock),
        logger: logger
    )
    switch configuration.kind {
    case .goto: return GoToClient(core: core)
    case .zoom: return ZoomClient(core: core)
    case .webex: return WebexClient(core: core)
    }
}
