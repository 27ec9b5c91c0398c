/// What one provider starts with: the credentials its token endpoint accepts, its licences and its accounts.
///
/// Credentials by provider (see `Examples/simulator/README.md`):
/// - GoTo: `clientId`/`clientSecret` by HTTP Basic on `/goto/oauth/token`, with `grant_type=refresh_token`
///   (one of `refreshTokens`) or `grant_type=personal_access_token&pat=` (one of `personalAccessTokens`);
///   `accountId` is the account key.
/// - Zoom: `clientId`/`clientSecret` by HTTP Basic on `/zoom/oauth/token` with
///   `grant_type=account_credentials&account_id=<accountId>`; `refreshTokens` serve the user-OAuth refresh grant
///   (rotating: each use replaces the token).
/// - Webex: `clientId`/`clientSecret`/`refreshTokens` for `grant_type=refresh_token` on `/webex/v1/access_token`;
///   `serviceApp` for `POST /webex/v1/applications/{applicationId}/token`; `accountId` is the org id.
public struct ProviderSeed: Sendable, Codable, Equatable {
    /// OAuth client id.
    public var clientId: String
    /// OAuth client secret.
    public var clientSecret: String
    /// GoTo account key, Zoom account id, Webex org id.
    public var accountId: String
    /// Refresh tokens the token endpoint accepts.
    public var refreshTokens: [String]
    /// GoTo personal access tokens (`grant_type=personal_access_token`).
    public var personalAccessTokens: [String]
    /// Scopes granted to every token issued for this provider.
    public var scopes: [String]
    /// Email of the admin the tokens act for (GoTo `/me`, Webex `/people/me`, token `principal`).
    public var principal: String
    /// Webex Service App credentials, if any.
    public var serviceApp: ServiceApp?
    /// Licences that exist.
    public var licenses: [SimulatedLicense]
    /// Accounts that exist at start, in listing order.
    public var accounts: [SimulatedAccount]

    /// A Webex Service App that the org's admin authorised.
    public struct ServiceApp: Sendable, Codable, Equatable {
        /// The application id in `POST /v1/applications/{applicationId}/token`.
        public var applicationId: String
        /// The Service App's client id (request body `clientId`).
        public var clientId: String
        /// The Service App's client secret (request body `clientSecret`).
        public var clientSecret: String
    }

    /// Creates a provider seed.
    public init(
        clientId: String,
        clientSecret: String,
        accountId: String,
        refreshTokens: [String] = [],
        personalAccessTokens: [String] = [],
        scopes: [String],
        principal: String,
        serviceApp: ServiceApp? = nil,
        licenses: [SimulatedLicense] = [],
        accounts: [SimulatedAccount] = []
    ) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.accountId = accountId
        self.refreshTokens = refreshTokens
        self.personalAccessTokens = personalAccessTokens
        self.scopes = scopes
        self.principal = principal
        self.serviceApp = serviceApp
        self.licenses = licenses
        self.accounts = accounts
    }

    private enum CodingKeys: String, CodingKey {
        case clientId, clientSecret, accountId, refreshTokens, personalAccessTokens, scopes, principal, serviceApp
        case licenses, accounts
    }

    /// Decodes a provider seed; lists default to empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            clientId: try c.decode(String.self, forKey: .clientId),
            clientSecret: try c.decode(String.self, forKey: .clientSecret),
            accountId: try c.decode(String.self, forKey: .accountId),
            refreshTokens: try c.decodeIfPresent([String].self, forKey: .refreshTokens) ?? [],
            personalAccessTokens: try c.decodeIfPresent([String].self, forKey: .personalAccessTokens) ?? [],
            scopes: try c.decodeIfPresent([String].self, forKey: .scopes) ?? [],
            principal: try c.decodeIfPresent(String.self, forKey: .principal) ?? "",
            serviceApp: try c.decodeIfPresent(ServiceApp.self, forKey: .serviceApp),
            licenses: try c.decodeIfPresent([SimulatedLicense].self, forKey: .licenses) ?? [],
            accounts: try c.decodeIfPresent([SimulatedAccount].self, forKey: .accounts) ?? []
        )
    }
}
