extension SimulatorSeed {
    /// The demo seed, identical to `Examples/simulator/seed.json`: ten accounts per provider at example.com.
    ///
    /// Credentials: GoTo client `goto-demo-client`/`goto-demo-secret`, refresh token `goto-demo-refresh-token`,
    /// PAT `goto-demo-pat`, account key `200000000000215929`; Zoom client `zoom-demo-client`/`zoom-demo-secret`,
    /// account id `zoomDemoAccount01`; Webex client `webex-demo-client`/`webex-demo-secret`, refresh token
    /// `webex-demo-refresh-token`, Service App `webex-demo-service-app`/`webex-demo-service-secret`.
    public static var demo: SimulatorSeed {
        SimulatorSeed(goto: demoGoTo, zoom: demoZoom, webex: demoWebex)
    }

    private static let people: [(String, String)] = [
        ("Ada", "Lovelace"), ("Grace", "Hopper"), ("Alan", "Turing"), ("Edsger", "Dijkstra"),
        ("Barbara", "Liskov"), ("Donald", "Knuth"), ("Frances", "Allen"), ("Ken", "Thompson"),
        ("Radia", "Perlman"), ("Leslie", "Lamport"),
    ]

    private static func demoAccounts(
        _ provider: SimulatorProvider,
        ids: [String],
        admin: String,
        licence: String?
    ) -> [SimulatedAccount] {
        people.enumerated().map { n, name in
            let email = n == 0 ? admin : "\(name.0.lowercased()).\(name.1.lowercased())@example.com"
            var status: SimulatedAccount.Status = n == 8 ? .inactive : .active
            if provider == .zoom && n == 9 { status = .pending }
            if provider == .webex && n == 9 { status = .pending }
            let hasLicence = !(provider == .goto && status == .inactive)
            return SimulatedAccount(
                id: ids[n],
                email: email,
                firstName: name.0,
                lastName: name.1,
                displayName: "\(name.0) \(name.1)",
                status: status,
                userType: provider == .zoom ? (n == 8 ? 1 : 2) : nil,
                roles: SimulatorIdentifiers.roles(for: provider, isAdmin: n == 0),
                licenses: hasLicence ? licence.map { [$0] } ?? [] : [],
                department: n % 2 == 0 ? "Engineering" : "Research",
                title: n == 0 ? "IT Administrator" : "Engineer",
                timezone: "Europe/Berlin",
                locale: "en_US",
                created: "2024-0\(n % 9 + 1)-1\(n)T09:00:00Z"
            )
        }
    }

    private static var demoGoTo: ProviderSeed {
        let ids = (0..<10).map { "7888888601101397288684\(String(format4: 1000 + $0))" }
        return ProviderSeed(
            clientId: "goto-demo-client",
            clientSecret: "goto-demo-secret",
            accountId: "200000000000215929",
            refreshTokens: ["goto-demo-refresh-token"],
            personalAccessTokens: ["goto-demo-pat"],
            scopes: ["identity:", "identity:scim.me"],
            principal: "goto.admin@example.com",
            licenses: [
                SimulatedLicense(
                    id: "5839287156452918374",
                    name: "GoTo Meeting Business",
                    products: ["G2M"],
                    seats: 50
                ),
                SimulatedLicense(id: "5839287156452918375", name: "GoTo Webinar", products: ["G2W"], seats: 5),
            ],
            accounts: demoAccounts(.goto, ids: ids, admin: "goto.admin@example.com", licence: "5839287156452918374")
        )
    }

    private static var demoZoom: ProviderSeed {
        let ids = [
            "z8yAAAAAAAAAAAAAAAAAAA", "KDcuGIm1QgePTO8WbOqwIQ", "QQ1bB2cC3dD4eE5fF6gG7h", "aB3dE5fG7hJ9kL1mN3pQ5r",
            "sT7uV9wX1yZ3aB5cD7eF9g", "hJ1kL3mN5pQ7rS9tU1vW3x", "yZ5aB7cD9eF1gH3jK5lM7n", "pQ9rS1tU3vW5xY7zA9bC1d",
            "eF3gH5jK7lM9nP1qR3sT5u", "vW7xY9zA1bC3dE5fG7hJ9k",
        ]
        return ProviderSeed(
            clientId: "zoom-demo-client",
            clientSecret: "zoom-demo-secret",
            accountId: "zoomDemoAccount01",
            refreshTokens: ["zoom-demo-refresh-token"],
            scopes: ["user:read:admin", "user:write:admin"],
            principal: "zoom.owner@example.com",
            accounts: demoAccounts(.zoom, ids: ids, admin: "zoom.owner@example.com", licence: nil)
        )
    }

    private static var demoWebex: ProviderSeed {
        let ids = (0..<10).map {
            SimulatorIdentifiers.webexId(kind: "PEOPLE", uuid: "7a0b1c2d-0000-4000-8000-00000000000\($0)")
        }
        let licence = SimulatorIdentifiers.webexId(kind: "LICENSE", uuid: "MS_4c3f8a1e-1d2b-4e5f-9a8b-7c6d5e4f3a2b")
        return ProviderSeed(
            clientId: "webex-demo-client",
            clientSecret: "webex-demo-secret",
            accountId: SimulatorIdentifiers.webexId(kind: "ORGANIZATION", uuid: "1eb65fdf-9643-417f-9974-ad72cae0e10f"),
            refreshTokens: ["webex-demo-refresh-token"],
            scopes: [
                "spark-admin:people_read", "spark-admin:people_write", "spark-admin:licenses_read",
                "spark:people_read", "spark:applications_token",
            ],
            principal: "webex.admin@example.com",
            serviceApp: ProviderSeed.ServiceApp(
                applicationId: SimulatorIdentifiers.webexId(
                    kind: "APPLICATION",
                    uuid: "5d1f3b7a-2c4e-4a6b-8d0f-1a3c5e7b9d2f"
                ),
                clientId: "webex-demo-service-app",
                clientSecret: "webex-demo-service-secret"
            ),
            licenses: [
                SimulatedLicense(id: licence, name: "Meeting - Webex Enterprise Edition", seats: 50),
                SimulatedLicense(
                    id: SimulatorIdentifiers.webexId(kind: "LICENSE", uuid: "CF_9b8a7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d"),
                    name: "Messaging",
                    seats: 50
                ),
            ],
            accounts: demoAccounts(.webex, ids: ids, admin: "webex.admin@example.com", licence: licence)
        )
    }
}

extension String {
    fileprivate init(format4 value: Int) { self = String(value) }
}
