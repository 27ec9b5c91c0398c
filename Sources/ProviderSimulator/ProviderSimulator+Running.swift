public import Logging

extension ProviderSimulator {
    /// Starts a simulator on a free loopback port, runs `body` with it and shuts it down, whether `body` returns or
    /// throws.
    ///
    /// When `body` throws, its error is thrown and a failing shutdown is ignored; when it returns, a failing
    /// shutdown is thrown.
    ///
    /// - Parameters:
    ///   - seed: Credentials, licences and accounts to start with.
    ///   - knobs: Throttling, faults, latency and lifetimes.
    ///   - logger: Where the server logs.
    ///   - body: What runs against the simulator.
    /// - Returns: What `body` returns.
    /// - Throws: What ``start(host:port:seed:knobs:logger:recordDirectory:)`` or `body` throws, or the shutdown's
    ///   error.
    public static func withRunning<Value>(
        seed: SimulatorSeed,
        knobs: SimulatorKnobs = .init(),
        logger: Logger,
        _ body: (ProviderSimulator) async throws -> Value
    ) async throws -> Value {
        let simulator = try await start(seed: seed, knobs: knobs, logger: logger)
        do {
            let value = try await body(simulator)
            try await simulator.shutdown()
            return value
        } catch {
            try? await simulator.shutdown()
            throw error
        }
    }
}
