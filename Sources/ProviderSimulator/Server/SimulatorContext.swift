import Hummingbird
import NIOCore

/// The request context: Hummingbird's core storage plus the connection, which fault injection closes.
struct SimulatorContext: RequestContext {
    /// Hummingbird's per-request storage.
    var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    /// Creates the context for a request that `Application` received.
    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
