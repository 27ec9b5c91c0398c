public import Hummingbird
public import NIOCore

/// The request context: Hummingbird's core storage plus the connection, which fault injection closes.
public struct SimulatorContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    public let channel: any Channel

    /// Creates the context for a request that `Application` received.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
