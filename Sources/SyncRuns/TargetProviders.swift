import AsyncHTTPClient
import Foundation
public import Logging
public import OrganizerSyncCore
import ProviderClients
public import SyncApply
public import SyncConfiguration
import SyncPlanning

/// Wires the configuration's targets to the provider clients.
public enum TargetProviders {
    /// The target called `name`.
    /// - Throws: ``RunError`` `unknownTarget` naming the configured targets when there is none.
    public static func target(named name: String, in configuration: Configuration) throws -> TargetConfiguration {
        if let target = configuration.targets.first(where: { $0.name == name }) { return target }
        let names = configuration.targets.map(\.name)
        throw RunError(
            .unknownTarget,
            "no target '\(name)' in \(configuration.file); "
                + (names.isEmpty ? "the file has no targets: section" : "configured: \(names.joined(separator: ", "))")
        )
    }

    /// The provider client's configuration of a target.
    static func providerConfiguration(_ target: TargetConfiguration) -> ProviderConfiguration {
        func reference(_ value: TargetConfiguration.Value) -> SecretReference {
            switch value {
            case .reference(let reference): reference
            case .literal(let text): .inline(text)
            }
        }
        let credentials: ProviderCredentials
        var accountKey: String?
        switch target.credentials {
        case .gotoRefreshToken(let id, let secret, let token, let key):
            credentials = .gotoRefreshToken(clientID: reference(id), clientSecret: secret, refreshToken: token)
            accountKey = key
        case .gotoPersonalAccessToken(let id, let secret, let token, let key):
            credentials = .gotoPersonalAccessToken(
                clientID: reference(id),
                clientSecret: secret,
                personalAccessToken: token
            )
            accountKey = key
        case .zoomServerToServer(let accountID, let id, let secret):
            credentials = .zoomServerToServer(accountID: accountID, clientID: reference(id), clientSecret: secret)
        case .webexRefreshToken(let id, let secret, let token):
            credentials = .webexRefreshToken(clientID: reference(id), clientSecret: secret, refreshToken: token)
        case .webexServiceApp(let application, let organization, let id, let secret, let token):
            credentials = .webexServiceApp(
                applicationID: application,
                targetOrgID: organization,
                clientID: reference(id),
                clientSecret: secret,
                integrationToken: token
            )
        }
        let defaults = ProviderConfiguration.RateLimit.default(for: target.provider)
        var configuration = ProviderConfiguration(
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
            gotoAccountKey: accountKey,
            zoomCreateAction: target.zoomCreateAction?.rawValue ?? "create",
            listing: target.limits.listing,
            allowInsecureHTTP: target.allowInsecureHTTP
        )
        if let budget = target.limits.retryBudgetSeconds {
            configuration.retry.maxRetryDuration = .milliseconds(Int64((budget * 1000).rounded()))
        }
        return configuration
    }

    /// Runs `body` with the client of `target`, over an HTTP client that is shut down when `body` returns.
    public static func withAccountProvider<T>(
        _ target: TargetConfiguration,
        logger: Logger,
        _ body: (any AccountProvider) async throws -> T
    ) async throws -> T {
        let configuration = providerConfiguration(target)
        return try await HTTPClient.withHTTPClient(configuration: ProviderHTTPClient.configuration) { httpClient in
            try await body(makeAccountProvider(configuration, httpClient: httpClient, logger: logger))
        }
    }

    /// Runs `body` with the clients and policies of `targets` for `apply`, over one HTTP client shut down when
    /// `body` returns.
    public static func withApplyTargets<T>(
        _ targets: [TargetConfiguration],
        interruption: ApplyInterruption? = nil,
        directory: [String: any DirectoryRecheck] = [:],
        logger: Logger,
        _ body: ([ApplyTarget]) async throws -> T
    ) async throws -> T {
        try await HTTPClient.withHTTPClient(configuration: ProviderHTTPClient.configuration) { httpClient in
            let clients = targets.map { target in
                var configuration = providerConfiguration(target)
                // A signal during apply only sets the flag; listings check it before each page.
                if let interruption { configuration.stopRequested = { interruption.isInterrupted } }
                return ApplyTarget(
                    name: target.name,
                    provider: makeAccountProvider(configuration, httpClient: httpClient, logger: logger),
                    policy: PlanningPolicy(target.policy),
                    directory: directory[target.name]
                )
            }
            return try await body(clients)
        }
    }
}

extension TargetConfiguration.Limits {
    /// The provider client's listing bounds; unset keys keep the client's defaults.
    var listing: ProviderConfiguration.ListingLimits {
        let defaults = ProviderConfiguration.ListingLimits()
        return ProviderConfiguration.ListingLimits(
            maxPages: listMaxPages ?? defaults.maxPages,
            deadline: listDeadlineSeconds.map { .milliseconds(Int64(($0 * 1000).rounded())) } ?? defaults.deadline
        )
    }
}
