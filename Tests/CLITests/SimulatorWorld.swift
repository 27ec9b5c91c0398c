import Foundation
import Logging
import OrganizerSyncTestSupport
import ProviderSimulator

/// A `directory:` section nobody answers (port 1), for commands that never read the directory.
let unreachableDirectoryYAML = """
    directory:
      preset: openldap
      url: ldap://127.0.0.1:1
      users:
        base: ou=people,dc=example,dc=com
      groups:
        base: ou=groups,dc=example,dc=com
    """

/// Starts a simulator seeded with `seed` that logs nowhere, runs `body` with it and a fresh folder named after
/// `prefix`, then shuts the simulator down and removes the folder.
func withSimulator<Value>(
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
    func targetYAML(_ name: String, provider: String) -> String {
        """
          - name: \(name)
            provider: \(provider)
            api_base_url: \(baseURL)/\(provider)
            allow_insecure_http: true
            auth_base_url: \(baseURL)/\(provider)
        """
    }
}
