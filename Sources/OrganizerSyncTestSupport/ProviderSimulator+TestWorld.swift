public import Foundation
import Logging
public import ProviderSimulator

/// Starts a simulator seeded with `seed` that logs nowhere, runs `body` with it and a fresh folder named after
/// `prefix`, then shuts the simulator down and removes the folder, whether `body` returns or throws.
///
/// - Parameters:
///   - seed: The simulator's credentials and accounts.
///   - prefix: How the temporary folder's name begins.
///   - body: The test, given the simulator and the folder.
/// - Returns: What `body` returns.
/// - Throws: What `body` throws, or why the simulator or the folder could not be made.
public func withSimulator<Value>(
    seed: SimulatorSeed = .demo,
    folder prefix: String,
    _ body: (ProviderSimulator, URL) async throws -> Value
) async throws -> Value {
    let folder = try TemporaryDirectory(prefix: prefix)
    defer { folder.remove() }
    let logger = Logger(label: "sim") { _ in SwiftLogNoOpLogHandler() }
    return try await ProviderSimulator.withRunning(seed: seed, logger: logger) { try await body($0, folder.url) }
}

extension ProviderSimulator {
    /// The start of a `targets:` entry for this simulator, as a list item at the left margin: the name, the provider
    /// and the simulator's API and token URLs for it over plain HTTP.
    ///
    /// - Parameters:
    ///   - name: The target's name.
    ///   - provider: The provider, as the configuration spells it (`goto`, `zoom`, `webex`).
    /// - Returns: Five lines of YAML without a final newline.
    public func targetYAML(_ name: String, provider: String) -> String {
        """
          - name: \(name)
            provider: \(provider)
            api_base_url: \(baseURL)/\(provider)
            allow_insecure_http: true
            auth_base_url: \(baseURL)/\(provider)
        """
    }
}
