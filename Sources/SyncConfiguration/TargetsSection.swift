import Foundation
import OrganizerSyncCore

/// Decodes the top-level `targets:` list into ``TargetConfiguration`` values.
///
/// ```yaml
/// targets:
///   - name: zoom-prod
///     provider: zoom
///     credentials:
///       account_id: AbC123
///       client_id: zoom-client-id
///       client_secret_env: ZOOM_CLIENT_SECRET
///     rate_limit: { requests_per_second: 10, burst: 5 }
///     timeout_seconds: 30
///     page_size: 300
///     mapping: mappings/zoom.yaml    # or a preset name (zoom); default: the provider's preset
///     policy: { unmanaged: leave, deprovision: suspend }    # see ``TargetPolicySection``
/// ```
enum TargetsSection {
    static var keys: [String] { ConfigurationShape.target.names }

    /// Keys that would hold a secret's value in the file; each has `_env` and `_file` forms instead.
    static let literalSecretKeys = [
        "client_secret", "refresh_token", "personal_access_token", "integration_token", "access_token", "password",
        "token",
    ]

    static func decode(
        _ root: ConfigMapping,
        relativeTo folder: String
    ) throws(ConfigurationError)
        -> [TargetConfiguration]
    {
        guard let entries = try root.sequence("targets") else { return [] }
        var targets: [TargetConfiguration] = []
        for (index, node) in entries.enumerated() {
            let entry = try ConfigMapping(node, path: "targets[\(index)]", allowedKeys: keys)
            let target = try decodeTarget(entry, relativeTo: folder)
            if let first = targets.first(where: { $0.name == target.name }) {
                throw entry.error(
                    "name",
                    .conflict,
                    "the target name '\(target.name)' is given twice, at line \(first.location.line) "
                        + "(\(first.location)) and at line \(target.location.line); target names must be unique"
                )
            }
            targets.append(target)
        }
        return targets
    }

    private static func decodeTarget(
        _ entry: ConfigMapping,
        relativeTo folder: String
    ) throws(ConfigurationError)
        -> TargetConfiguration
    {
        let name = try entry.requiredString("name")
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw entry.error("name", "use letters, digits, '-', '_' and '.' only, got '\(name)'")
        }
        guard let provider = try entry.choice("provider", as: ProviderKind.self) else {
            throw entry.error("provider", .missingKey, "is required: goto, zoom or webex")
        }
        guard let credentialsNode = entry.value("credentials") else {
            throw entry.error("credentials", .missingKey, "is required")
        }
        let credentials = try decodeCredentials(
            credentialsNode,
            path: entry.keyPath("credentials"),
            provider: provider,
            relativeTo: folder
        )
        var rateLimit: TargetConfiguration.RateLimit?
        if let limit = try entry.mapping("rate_limit", shape: ConfigurationShape.target["rate_limit"]) {
            guard let perSecond = try limit.double("requests_per_second", in: 0.001...100_000) else {
                throw limit.error("requests_per_second", .missingKey, "is required")
            }
            rateLimit = .init(requestsPerSecond: perSecond, burst: try limit.int("burst", in: 1...10_000))
        }
        let location = entry.value("name")?.location ?? entry.node.location
        var target = TargetConfiguration(
            name: name,
            provider: provider,
            apiBaseURL: try url(entry, "api_base_url"),
            authBaseURL: try url(entry, "auth_base_url"),
            credentials: credentials,
            rateLimit: rateLimit,
            timeoutSeconds: try entry.double("timeout_seconds", in: 0.1...3600),
            pageSize: try TargetLimitsSection.pageSize(entry, provider: provider),
            mapping: try TargetPolicySection.mapping(entry, relativeTo: folder) ?? .preset(provider.rawValue),
            policy: try TargetPolicySection.policy(entry),
            location: location
        )
        try TargetLimitsSection.apply(entry, to: &target)
        return target
    }

    /// An `http(s)://host[:port][/path]` URL without user information, query or fragment.
    private static func url(_ entry: ConfigMapping, _ key: String) throws(ConfigurationError) -> String? {
        guard let text = try entry.string(key) else { return nil }
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else {
            throw entry.error(key, "expected an http:// or https:// URL such as https://api.zoom.us")
        }
        // A URL can carry a password: refuse it without repeating the value.
        guard components.user == nil, components.password == nil else {
            throw entry.error(key, "must not hold a user name or password; credentials go under credentials:")
        }
        guard components.query == nil, components.fragment == nil else {
            throw entry.error(key, "expected a URL without query or fragment")
        }
        return text
    }

    private static func decodeCredentials(
        _ node: ConfigNode,
        path: String,
        provider: ProviderKind,
        relativeTo folder: String
    ) throws(ConfigurationError) -> TargetConfiguration.Credentials {
        try rejectLiteralSecrets(node, path: path)
        let shape = ConfigurationShape.credentials(provider.rawValue)
        let credentials = try ConfigMapping(node, path: path, shape: shape)
        switch provider {
        case .goto:
            let id = try clientID(credentials, relativeTo: folder)
            let secret = try required(credentials, "client_secret", relativeTo: folder)
            let refresh = try DirectorySection.secret(credentials, relativeTo: folder, prefix: "refresh_token")
            let pat = try DirectorySection.secret(credentials, relativeTo: folder, prefix: "personal_access_token")
            let accountKey = try credentials.string("account_key")
            if let accountKey, accountKey.isEmpty || !accountKey.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw credentials.error("account_key", "expected the GoTo account key, a number")
            }
            switch (refresh, pat) {
            case (let refresh?, nil):
                return .gotoRefreshToken(
                    clientID: id,
                    clientSecret: secret,
                    refreshToken: refresh,
                    accountKey: accountKey
                )
            case (nil, let pat?):
                return .gotoPersonalAccessToken(
                    clientID: id,
                    clientSecret: secret,
                    personalAccessToken: pat,
                    accountKey: accountKey
                )
            case (_?, _?):
                throw credentials.error(
                    "personal_access_token_env",
                    .conflict,
                    "give a refresh token or a personal access token, not both"
                )
            case (nil, nil):
                throw ConfigurationError(
                    .missingKey,
                    at: node.location,
                    keyPath: path,
                    "GoTo needs refresh_token_env/refresh_token_file or "
                        + "personal_access_token_env/personal_access_token_file"
                )
            }
        case .zoom:
            let accountID = try credentials.requiredString("account_id")
            return .zoomServerToServer(
                accountID: accountID,
                clientID: try clientID(credentials, relativeTo: folder),
                clientSecret: try required(credentials, "client_secret", relativeTo: folder)
            )
        case .webex:
            let id = try clientID(credentials, relativeTo: folder)
            let secret = try required(credentials, "client_secret", relativeTo: folder)
            let refresh = try DirectorySection.secret(credentials, relativeTo: folder, prefix: "refresh_token")
            if let appNode = credentials.value("service_app") {
                try rejectLiteralSecrets(appNode, path: credentials.keyPath("service_app"))
                let app = try ConfigMapping(
                    appNode,
                    path: credentials.keyPath("service_app"),
                    shape: shape["service_app"]
                )
                if refresh != nil {
                    throw credentials.error(
                        "service_app",
                        .conflict,
                        "give refresh_token_env/refresh_token_file or a service_app, not both"
                    )
                }
                return .webexServiceApp(
                    applicationID: try app.requiredString("application_id"),
                    targetOrgID: try app.requiredString("target_org_id"),
                    clientID: id,
                    clientSecret: secret,
                    integrationToken: try required(app, "integration_token", relativeTo: folder)
                )
            }
            guard let refresh else {
                throw ConfigurationError(
                    .missingKey,
                    at: node.location,
                    keyPath: path,
                    "Webex needs refresh_token_env/refresh_token_file or a service_app"
                )
            }
            return .webexRefreshToken(clientID: id, clientSecret: secret, refreshToken: refresh)
        }
    }

    /// `client_id` written in the file, or `client_id_env`/`client_id_file`: exactly one.
    private static func clientID(
        _ credentials: ConfigMapping,
        relativeTo folder: String
    ) throws(ConfigurationError)
        -> TargetConfiguration.Value
    {
        let literal = try credentials.string("client_id")
        let reference = try DirectorySection.secret(credentials, relativeTo: folder, prefix: "client_id")
        switch (literal, reference) {
        case (let text?, nil):
            guard !text.isEmpty else { throw credentials.error("client_id", .missingKey, "is required") }
            return .literal(text)
        case (nil, let reference?): return .reference(reference)
        case (_?, _?):
            throw credentials.error("client_id", .conflict, "give client_id, client_id_env or client_id_file, not two")
        case (nil, nil):
            throw credentials.error("client_id", .missingKey, "is required (or client_id_env, client_id_file)")
        }
    }

    /// A secret that must be given as `<prefix>_env` or `<prefix>_file`.
    private static func required(
        _ mapping: ConfigMapping,
        _ prefix: String,
        relativeTo folder: String
    )
        throws(ConfigurationError) -> SecretReference
    {
        guard let reference = try DirectorySection.secret(mapping, relativeTo: folder, prefix: prefix) else {
            throw mapping.error("\(prefix)_env", .missingKey, "is required: give \(prefix)_env or \(prefix)_file")
        }
        return reference
    }

    /// Refuses a secret written in the file (`client_secret: abc`, a bind `password: abc`), naming the key but
    /// never the value.
    static func rejectLiteralSecrets(_ node: ConfigNode, path: String) throws(ConfigurationError) {
        guard case .mapping(let entries) = node.value else { return }
        for entry in entries where literalSecretKeys.contains(entry.key) {
            throw ConfigurationError(
                .invalidValue,
                at: entry.keyLocation,
                keyPath: ConfigMapping.join(path, entry.key),
                "secrets are not written in the configuration file: use \(entry.key)_env (an environment "
                    + "variable's name) or \(entry.key)_file (a file holding the secret)"
            )
        }
    }
}
