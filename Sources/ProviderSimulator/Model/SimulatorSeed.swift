import Foundation

/// The starting state of all three providers: credentials, licences and accounts.
///
/// File format (JSON), as in `Examples/simulator/seed.json`:
/// ```json
/// { "goto":  { "clientId": "…", "clientSecret": "…", "accountId": "<account key>", "refreshTokens": ["…"],
///              "personalAccessTokens": ["…"], "scopes": ["identity:"], "principal": "admin@example.com",
///              "licenses": [{"id": "…", "name": "…", "products": ["G2M"], "seats": 100}],
///              "accounts": [{"id": "…", "email": "…", "firstName": "…", "lastName": "…", "status": "active",
///                            "roles": [], "licenses": ["…"]}] },
///   "zoom":  { … "accountId": "<account_id>", "accounts": [{ … "userType": 2, "roles": ["2"] }] },
///   "webex": { … "accountId": "<org id>", "serviceApp": {"applicationId": "…", "clientId": "…",
///              "clientSecret": "…"} } }
/// ```
/// See ``ProviderSeed`` and ``SimulatedAccount`` for every field.
public struct SimulatorSeed: PerProvider, Sendable, Codable, Equatable {
    /// GoTo's starting state.
    public var goto: ProviderSeed
    /// Zoom's starting state.
    public var zoom: ProviderSeed
    /// Webex's starting state.
    public var webex: ProviderSeed

    /// Reads a seed file.
    /// - Parameter path: Path of a JSON file in the format above.
    /// - Returns: The seed.
    /// - Throws: A file-system error, or a `DecodingError` naming the offending field.
    public static func load(path: String) throws -> SimulatorSeed {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(SimulatorSeed.self, from: data)
    }

    /// Builds a seed with the demo credentials and `accountsPerProvider` generated accounts per provider.
    ///
    /// Account `n` (from 0) has the email `user<n>@<domain>`. Every 50th account is inactive, every 97th Zoom
    /// account is pending; the first account of each provider is its admin/owner.
    /// - Parameters:
    ///   - accountsPerProvider: How many accounts each provider gets (100,000 is fine).
    ///   - domain: The email domain.
    ///   - randomSeed: Seed for the generated ids.
    /// - Returns: The seed.
    public static func generated(
        accountsPerProvider: Int,
        domain: String = "example.com",
        randomSeed: UInt64 = 42
    ) -> SimulatorSeed {
        var seed = demo
        var random = SimulatorRandom(seed: randomSeed)
        for provider in SimulatorProvider.allCases {
            let licence = seed[provider].licenses.first?.id
            var accounts: [SimulatedAccount] = []
            accounts.reserveCapacity(accountsPerProvider)
            for n in 0..<accountsPerProvider {
                var status: SimulatedAccount.Status = n > 0 && n % 50 == 0 ? .inactive : .active
                if provider == .zoom && n > 0 && n % 97 == 0 { status = .pending }
                let account = SimulatedAccount(
                    id: SimulatorIdentifiers.accountId(for: provider, random: &random),
                    email: n == 0 ? seed[provider].principal : "user\(n)@\(domain)",
                    firstName: "First\(n)",
                    lastName: "Last\(n)",
                    displayName: "First\(n) Last\(n)",
                    status: status,
                    userType: provider == .zoom ? (status == .inactive ? 1 : 2) : nil,
                    roles: SimulatorIdentifiers.roles(for: provider, isAdmin: n == 0),
                    licenses: provider == .zoom || (provider == .goto && status == .inactive)
                        ? [] : licence.map { [$0] } ?? [],
                    department: "Dept\(n % 20)",
                    created: "2024-01-01T00:00:00Z"
                )
                accounts.append(account)
            }
            seed[provider].accounts = accounts
            if provider != .zoom {
                seed[provider].licenses = seed[provider].licenses.map {
                    var l = $0
                    l.seats = max(l.seats, accountsPerProvider * 2)
                    return l
                }
            }
        }
        return seed
    }
}
