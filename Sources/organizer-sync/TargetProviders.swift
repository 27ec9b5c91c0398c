import AsyncHTTPClient
import Foundation
import Logging
import OrganizerSyncCore
import ProviderClients
import SyncConfiguration

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wires the configuration's targets to the provider clients.
enum TargetProviders {
    /// Why a target cannot be used.
    struct LookupError: Error, CustomStringConvertible {
        var description: String
    }

    /// The target called `name`.
    /// - Throws: ``LookupError`` naming the configured targets when there is none.
    static func target(named name: String, in configuration: Configuration) throws -> TargetConfiguration {
        if let target = configuration.targets.first(where: { $0.name == name }) { return target }
        let names = configuration.targets.map(\.name)
        throw LookupError(
            description: "no target '\(name)' in \(configuration.file); "
                + (names.isEmpty ? "the file has no targets: section" : "configured: \(names.joined(separator: ", "))")
        )
    }

    /// The provider client's configuration of a target.
    ///
    /// A client id written in the file is handed to the client through a variable of this process's
    /// environment, because ``ProviderCredentials`` takes every credential as a ``SecretReference``
    /// (environment variable or file). Call this before any HTTP client is started.
    static func providerConfiguration(_ target: TargetConfiguration) -> ProviderConfiguration {
        func reference(_ value: TargetConfiguration.Value, _ what: String) -> SecretReference {
            switch value {
            case .reference(let reference): return reference
            case .literal(let text):
                let suffix = target.name.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
                let name = "ORGANIZER_SYNC_TARGET_\(suffix)_\(what)"
                setenv(name, text, 1)
                return .environment(name)
            }
        }
        let credentials: ProviderCredentials
        var accountKey: String?
        switch target.credentials {
        case .gotoRefreshToken(let id, let secret, let token, let key):
            credentials = .gotoRefreshToken(clientID: reference(id, "CLIENT_ID"), clientSecret: secret, refreshToken: token)
            accountKey = key
        case .gotoPersonalAccessToken(let id, let secret, let token, let key):
            credentials = .gotoPersonalAccessToken(
                clientID: reference(id, "CLIENT_ID"),
                clientSecret: secret,
                personalAccessToken: token
            )
            accountKey = key
        case .zoomServerToServer(let accountID, let id, let secret):
            credentials = .zoomServerToServer(accountID: accountID, clientID: reference(id, "CLIENT_ID"), clientSecret: secret)
        case .webexRefreshToken(let id, let secret, let token):
            credentials = .webexRefreshToken(clientID: reference(id, "CLIENT_ID"), clientSecret: secret, refreshToken: token)
        case .webexServiceApp(let application, let organization, let id, let secret, let token):
            credentials = .webexServiceApp(
                applicationID: application,
                targetOrgID: organization,
                clientID: reference(id, "CLIENT_ID"),
                clientSecret: secret,
                integrationToken: token
            )
        }
        let defaults = ProviderConfiguration.RateLimit.default(for: target.provider)
        return ProviderConfiguration(
            targetName: target.name,
            kind: target.provider,
            credentials: credentials,
            apiBaseURL: target.apiBaseURL,
            authBaseURL: target.authBaseURL,
            rateLimit: target.rateLimit.map {
                .init(requestsPerSecond: $0.requestsPerSecond, burst: $0.burst ?? defaults.burst)
            },
            requestTimeout: target.timeoutSeconds.map { .milliseconds(Int64(($0 * 1000).rounded())) } ?? .seconds(30),
            pageSize: target.pageSize,
            gotoAccountKey: accountKey
        )
    }

    /// Runs `body` with the client of `target`, over an HTTP client that is shut down when `body` returns.
    static func withAccountProvider<T>(
        _ target: TargetConfiguration,
        logger: Logger,
        _ body: (any AccountProvider) async throws -> T
    ) async throws -> T {
        let configuration = providerConfiguration(target)
        return try await HTTPClient.withHTTPClient { httpClient in
            try await body(makeAccountProvider(configuration, httpClient: httpClient, logger: logger))
        }
    }
}
