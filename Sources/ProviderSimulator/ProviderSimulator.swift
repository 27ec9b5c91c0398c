import Foundation
import Hummingbird
public import Logging
import NIOCore
import Synchronization

/// A local HTTP server that speaks the GoTo Admin, Zoom Users and Webex People APIs under one listener.
///
/// Each provider lives under a prefix and keeps its real host's paths below it, so a client only swaps its base
/// URL: `/goto/admin/rest/v1/…` and `/goto/oauth/token`, `/zoom/v2/users…` and `/zoom/oauth/token`,
/// `/webex/v1/people…`, `/webex/v1/licenses`, `/webex/v1/access_token`. `/_admin/…` inspects and steers it
/// (see the README in `Examples/simulator`).
public final class ProviderSimulator: Sendable {
    /// Why the simulator could not start.
    public struct StartError: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    private let store: SimulatorStore
    private let runTask: Task<Void, any Error>
    /// The port it listens on.
    public let port: Int
    /// `http://HOST:PORT`; append a provider prefix such as `/zoom` to get a client's base URL.
    public let baseURL: String

    private init(store: SimulatorStore, runTask: Task<Void, any Error>, host: String, port: Int) {
        self.store = store
        self.runTask = runTask
        self.port = port
        self.baseURL = "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    /// Starts the simulator and returns once it listens.
    /// - Parameters:
    ///   - host: A loopback address (`127.0.0.1`, `::1` or `localhost`); anything else is refused.
    ///   - port: The port, 0 for any free one (read it back from ``port``).
    ///   - seed: Credentials, licences and accounts to start with.
    ///   - knobs: Throttling, faults, latency and lifetimes.
    ///   - logger: Where the server logs.
    ///   - recordDirectory: A folder to record every exchange in for the spec check; nil takes
    ///     `ORGANIZER_SYNC_SIMULATOR_RECORD_DIR` from the environment, if set.
    /// - Returns: The running simulator.
    /// - Throws: ``StartError`` for a non-loopback host or a record folder
    ///   (`ORGANIZER_SYNC_SIMULATOR_RECORD_DIR`) it cannot write, or the bind error.
    public static func start(
        host: String = "127.0.0.1",
        port: Int = 0,
        seed: SimulatorSeed,
        knobs: SimulatorKnobs = .init(),
        logger: Logger = Logger(label: "organizer-sync.simulator"),
        recordDirectory: String? = nil
    ) async throws -> ProviderSimulator {
        guard ["127.0.0.1", "::1", "localhost"].contains(host) else {
            throw StartError(description: "The simulator only listens on loopback, not on \(host).")
        }
        let recorder =
            try recordDirectory.map { try ExchangeRecorder.opening(folder: $0) } ?? ExchangeRecorder.fromEnvironment()
        let store = SimulatorStore(seed: seed, knobs: knobs, recorder: recorder)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let prefix = "http://\(host.contains(":") ? "[\(host)]" : host):"
        let app = Application(
            responder: SimulatorResponder(store: store, baseURL: { store.state.withLock { $0.baseURL } }),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                store.state.withLock { $0.baseURL = prefix + String(bound) }
                continuation.yield(bound)
                continuation.finish()
            },
            logger: logger
        )
        let task = Task {
            defer { continuation.finish() }
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            try await task.value
            throw StartError(description: "The simulator stopped before it listened.")
        }
        logger.info("Provider simulator listening", metadata: ["simulator.url": "\(prefix)\(bound)"])
        return ProviderSimulator(store: store, runTask: task, host: host, port: bound)
    }

    /// The accounts one provider holds now, in listing order.
    public func accounts(_ provider: SimulatorProvider) async -> [SimulatedAccount] {
        store.state.withLock { $0.tables[provider]?.all() ?? [] }
    }

    /// The requests received so far (no headers, no bodies).
    public func requestLog() async -> [LoggedRequest] {
        store.state.withLock { $0.log }
    }

    /// The knobs in force.
    public func knobs() async -> SimulatorKnobs {
        store.state.withLock { $0.knobs }
    }

    /// Changes the knobs; takes effect with the next request.
    public func setKnobs(_ knobs: SimulatorKnobs) async {
        store.state.withLock { state in
            if state.knobs.seed != knobs.seed { state.random = SimulatorRandom(seed: knobs.seed) }
            state.knobs = knobs
        }
    }

    /// Restores the starting seed (or `seed`), forgetting tokens and the request log.
    public func reset(seed: SimulatorSeed? = nil) async {
        store.state.withLock { $0.reset(seed: seed ?? $0.seed) }
    }

    /// Makes every issued access token expire now.
    public func expireAllTokens() async {
        store.state.withLock { $0.expireAllTokens(now: Date()) }
    }

    /// Stops listening and ends hanging requests.
    public func shutdown() async throws {
        store.beginStopping()
        runTask.cancel()
        do {
            try await runTask.value
        } catch is CancellationError {}
    }
}
