public import OrganizerSyncCore

/// One entry of the configuration's `targets:` list: a provider tenant organizer-sync keeps in line with
/// the directory, in provider-neutral terms.
///
/// The command line turns it into the provider client's own configuration. Secrets are only
/// ``SecretReference``s (`*_env`, `*_file`), read when a token is first needed; the file never holds them.
public struct TargetConfiguration: Sendable, Hashable {
    /// The target's unique name (`zoom-prod`), used on the command line and in logs.
    public var name: String
    /// The provider behind the target.
    public var provider: ProviderKind
    /// The API host (`https://api.zoom.us`) without a path; `nil` means the provider's real host.
    public var apiBaseURL: String?
    /// The OAuth host without a path; `nil` means the provider's real host.
    public var authBaseURL: String?
    /// How the target authenticates.
    public var credentials: Credentials
    /// The client-side request budget; `nil` means the provider's documented limit.
    public var rateLimit: RateLimit?
    /// How long one HTTP request may take, in seconds; `nil` means the client's default.
    public var timeoutSeconds: Double?
    /// Accounts per listing page; `nil` means the provider's default.
    public var pageSize: Int?
    /// The mapping file (or provider preset) that says who is in scope and how users become accounts.
    ///
    /// A target without `mapping:` uses its provider's preset (`Mappings/providers/zoom.yaml`), which puts
    /// every user the directory source reads in scope.
    public var mapping: MappingReference
    /// The target's safety policy, in provider-neutral terms.
    public var policy: Policy
    /// Where the entry is written, for messages about it.
    public var location: ConfigLocation
    /// Whether `http://` URLs are allowed (`allow_insecure_http`; the simulator on loopback).
    ///
    /// Warned about
    /// on every run.
    public var allowInsecureHTTP = false
    /// Listing bounds and the retry budget (`list_max_pages`, `list_deadline_seconds`,
    /// `retry_budget_seconds`); `nil` fields take the client's defaults.
    public var limits = Limits()
    /// Zoom only: how new users are created (`create_action`); `nil` means `create`.
    public var zoomCreateAction: ZoomCreateAction?
}

extension TargetConfiguration {
    /// A value that is not secret but may still be kept outside the file (a client id).
    public enum Value: Sendable, Hashable, CustomStringConvertible {
        /// Written in the configuration file.
        case literal(String)
        /// Read from an environment variable or a file.
        case reference(SecretReference)

        /// The literal, or where the value is read from.
        public var description: String {
            switch self {
            case .literal(let text): text
            case .reference(let reference): reference.description
            }
        }
    }

    /// A target's credentials, per provider and OAuth flow.
    public enum Credentials: Sendable, Hashable {
        /// GoTo OAuth with a refresh token; `accountKey` `nil` means "ask `GET /me`".
        case gotoRefreshToken(
            clientID: Value,
            clientSecret: SecretReference,
            refreshToken: SecretReference,
            accountKey: String?
        )
        /// GoTo OAuth with a personal access token.
        case gotoPersonalAccessToken(
            clientID: Value,
            clientSecret: SecretReference,
            personalAccessToken: SecretReference,
            accountKey: String?
        )
        /// Zoom Server-to-Server OAuth.
        case zoomServerToServer(accountID: String, clientID: Value, clientSecret: SecretReference)
        /// Webex integration with a refresh token.
        case webexRefreshToken(clientID: Value, clientSecret: SecretReference, refreshToken: SecretReference)
        /// Webex Service App: the client id and secret are the Service App's; an integration token with
        /// `spark:applications_token` fetches its tokens for `targetOrgID`.
        case webexServiceApp(
            applicationID: String,
            targetOrgID: String,
            clientID: Value,
            clientSecret: SecretReference,
            integrationToken: SecretReference
        )

        /// The OAuth flow's name, for `validate` and logs.
        public var flow: String {
            switch self {
            case .gotoRefreshToken: "refresh token"
            case .gotoPersonalAccessToken: "personal access token"
            case .zoomServerToServer: "server-to-server OAuth"
            case .webexRefreshToken: "integration refresh token"
            case .webexServiceApp: "service app"
            }
        }

        /// Every secret reference, to check they can be read.
        public var secrets: [SecretReference] { namedSecrets.map(\.reference) }
    }

    /// A client-side request budget.
    public struct RateLimit: Sendable, Hashable {
        /// Sustained requests per second.
        public var requestsPerSecond: Double
        /// Requests that may go at once after an idle spell; `nil` means the client's default.
        public var burst: Int?

        /// Creates a budget.
        public init(requestsPerSecond: Double, burst: Int? = nil) {
            self.requestsPerSecond = requestsPerSecond
            self.burst = burst
        }
    }
}

extension TargetConfiguration {
    /// Where a target's mapping comes from: the `mapping:` key of its entry.
    public enum MappingReference: Sendable, Hashable, CustomStringConvertible {
        /// A provider preset of a `Mappings/` folder (`zoom` is `Mappings/providers/zoom.yaml`).
        case preset(String)
        /// A mapping file, as an absolute path (written relative to the configuration file).
        case file(String)

        /// `preset zoom` or the file's path.
        public var description: String {
            switch self {
            case .preset(let name): "preset \(name)"
            case .file(let path): path
            }
        }
    }
}
