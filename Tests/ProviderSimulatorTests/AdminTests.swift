import Foundation
import ProviderSimulator
import Testing

/// `/_admin`: inspection, knobs at run time, reset.
@Suite("Admin endpoints")
struct AdminTests {
    @Test("accounts, requests without secrets, knobs, token expiry and reset")
    func admin() async throws {
        let simulator = try await ProviderSimulator.start(seed: .demo)
        let http = SimulatorHTTP(simulator)
        let accounts = try await http.send("GET", "/_admin/accounts?provider=zoom")
        let list = try #require(accounts.json as? [[String: Any]])
        #expect(list.count == 10)
        #expect(list.contains { $0["status"] as? String == "pending" })
        #expect(try await http.send("GET", "/_admin/accounts?provider=teams").status == 400)

        let token = try await http.zoomToken()
        _ = try await http.send("GET", "/zoom/v2/users", token: token)
        let log = try await http.send("GET", "/_admin/requests")
        let text = log.text
        #expect(text.contains("/zoom/v2/users"))
        #expect(!text.contains(token))
        #expect(!text.contains(SimulatorSeed.demo.zoom.clientSecret))
        #expect(!text.contains("Basic "))
        _ = try await http.send(
            "POST",
            "/zoom/oauth/token?grant_type=refresh_token&refresh_token=\(SimulatorSeed.demo.zoom.refreshTokens[0])",
            basic: (SimulatorSeed.demo.zoom.clientId, SimulatorSeed.demo.zoom.clientSecret)
        )
        let redacted = try await http.send("GET", "/_admin/requests").text
        #expect(!redacted.contains(SimulatorSeed.demo.zoom.refreshTokens[0]))
        #expect(redacted.contains("refresh_token=REDACTED"))

        let knobs = try await http.send("POST", "/_admin/knobs", json: ["zoom": ["errorRate": 0.25], "seed": 5])
        #expect(knobs.status == 200)
        let current = await simulator.knobs()
        #expect(current.zoom.errorRate == 0.25)
        #expect(current.seed == 5)
        #expect(current.webex.tokenLifetimeSeconds == 1_209_599, "a partial update keeps the other knobs")
        _ = try await http.send("POST", "/_admin/knobs", json: ["zoom": ["errorRate": 0]])

        #expect(try await http.send("POST", "/_admin/tokens/expire").status == 200)
        #expect(try await http.send("GET", "/zoom/v2/users", token: token).status == 401)

        let fresh = try await http.zoomToken()
        _ = try await http.send("DELETE", "/zoom/v2/users/grace.hopper@example.com?action=delete", token: fresh)
        #expect(await simulator.accounts(.zoom).count == 9)
        #expect(try await http.send("POST", "/_admin/reset").status == 200)
        #expect(await simulator.accounts(.zoom).count == 10)
        #expect(try await http.send("GET", "/zoom/v2/users", token: fresh).status == 401, "reset forgets tokens")
        try await simulator.shutdown()
    }

    @Test("The demo seed file matches SimulatorSeed.demo and loads")
    func demoSeedFile() throws {
        let path = SpecRecorder.repositoryRoot.appendingPathComponent("Examples/simulator/seed.json").path
        let seed = try SimulatorSeed.load(path: path)
        #expect(seed == SimulatorSeed.demo)
        for provider in SimulatorProvider.allCases {
            #expect(seed[provider].accounts.count == 10)
            #expect(seed[provider].accounts.allSatisfy { $0.email.hasSuffix("@example.com") })
            #expect(seed[provider].accounts.contains { $0.status == .inactive })
        }
        #expect(seed.zoom.accounts.contains { $0.status == .pending })
    }

    @Test("Only loopback")
    func loopbackOnly() async throws {
        await #expect(throws: ProviderSimulator.StartError.self) {
            _ = try await ProviderSimulator.start(host: "0.0.0.0", seed: .demo)
        }
    }
}
