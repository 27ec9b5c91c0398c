import Foundation
import ProviderSimulator
import Testing

/// Tokens, scopes, 401s and each provider's way of saying "too many requests".
@Suite("Auth and throttling")
struct AuthAndThrottleTests {
    @Test("Tokens expire mid-run and then get 401 in each provider's shape")
    func tokenExpiry() async throws {
        // Long enough that the first request lands inside the lifetime even on a loaded CI machine (5 s was not,
        // once: a token and one request took longer while the suite started its servers).
        let lifetime = 15
        var knobs = SimulatorKnobs()
        for provider in SimulatorProvider.allCases { knobs[provider].tokenLifetimeSeconds = lifetime }
        let simulator = try await ProviderSimulator.start(seed: .demo, knobs: knobs)
        let http = SimulatorHTTP(simulator)
        let zoom = try await http.zoomToken()
        #expect(try await http.send("GET", "/zoom/v2/users", token: zoom).status == 200)
        let webex = try await http.webexToken()
        let goto = try await http.gotoToken()
        // Every token was issued before this instant, however slowly a loaded machine served them.
        let issued = ContinuousClock.now
        try await Task.sleep(until: issued + .seconds(lifetime) + .milliseconds(1_500))
        let z = try await http.send("GET", "/zoom/v2/users", token: zoom)
        #expect(z.status == 401)
        #expect(z.object["code"] as? Int == 124)
        let w = try await http.send("GET", "/webex/v1/people", token: webex)
        #expect(w.status == 401)
        #expect(w.object["trackingId"] as? String == w.header("TrackingID"))
        let g = try await http.send("GET", "/goto/admin/rest/v1/me", token: goto)
        #expect(g.status == 401)
        #expect((g.object["errors"] as? [[String: Any]])?.first?["code"] as? String == "token.expired")
        try await simulator.shutdown()
    }

    @Test("Token endpoints check client credentials and grants")
    func tokenEndpoints() async throws {
        let simulator = try await ProviderSimulator.start(seed: .demo)
        let http = SimulatorHTTP(simulator)
        let seed = SimulatorSeed.demo
        let badClient = try await http.send(
            "POST",
            "/zoom/oauth/token",
            form: ["grant_type": "account_credentials", "account_id": seed.zoom.accountId],
            basic: (seed.zoom.clientId, "wrong")
        )
        #expect(badClient.status == 401)
        let badAccount = try await http.send(
            "POST",
            "/zoom/oauth/token",
            form: ["grant_type": "account_credentials", "account_id": "other"],
            basic: (seed.zoom.clientId, seed.zoom.clientSecret)
        )
        #expect(badAccount.status == 400)
        let ok = try await http.send(
            "POST",
            "/zoom/oauth/token?grant_type=account_credentials&account_id=\(seed.zoom.accountId)",
            basic: (seed.zoom.clientId, seed.zoom.clientSecret)
        )
        #expect(ok.object["expires_in"] as? Int == 3600)
        #expect(ok.object["refresh_token"] == nil)
        let refreshed = try await http.refreshGrant("/goto/oauth/token", seed.goto)
        #expect(refreshed.status == 200)
        #expect(refreshed.object["principal"] as? String == seed.goto.principal)
        let me = try await http.send(
            "GET",
            "/goto/admin/rest/v1/me",
            token: refreshed.object["access_token"] as? String
        )
        #expect(me.object["accountKey"] as? String == seed.goto.accountId)
        let webex = try await http.send(
            "POST",
            "/webex/v1/access_token",
            form: [
                "grant_type": "refresh_token", "client_id": seed.webex.clientId,
                "client_secret": seed.webex.clientSecret,
                "refresh_token": "stolen",
            ]
        )
        #expect(webex.status == 400)
        #expect(webex.header("TrackingID") != nil)
        let rotated = try await http.refreshGrant("/zoom/oauth/token", seed.zoom)
        #expect(rotated.status == 200)
        let reused = try await http.refreshGrant("/zoom/oauth/token", seed.zoom)
        #expect(reused.status == 400, "Zoom refresh tokens rotate")
        try await simulator.shutdown()
    }

    @Test("Scopes are enforced")
    func scopes() async throws {
        var seed = SimulatorSeed.demo
        seed.zoom.scopes = ["user:read:admin"]
        let simulator = try await ProviderSimulator.start(seed: seed)
        let http = SimulatorHTTP(simulator)
        let token = try await http.zoomToken()
        #expect(try await http.send("GET", "/zoom/v2/users", token: token).status == 200)
        let refused = try await http.send(
            "DELETE",
            "/zoom/v2/users/grace.hopper@example.com?action=delete",
            token: token
        )
        #expect(refused.status == 400)
        #expect(refused.object["code"] as? Int == 4711)
        try await simulator.shutdown()
    }

    @Test("429 the way each provider sends it")
    func throttling() async throws {
        var knobs = SimulatorKnobs()
        for provider in SimulatorProvider.allCases { knobs[provider].requestsPerSecond = 2 }
        knobs.webex.retryAfterSeconds = 7
        let simulator = try await ProviderSimulator.start(seed: .demo, knobs: knobs)
        let http = SimulatorHTTP(simulator)
        let zoom = try await http.zoomToken()
        var answers = try await Self.burst(http, "/zoom/v2/users", token: zoom)
        let z = try #require(answers.first { $0.status == 429 })
        #expect(z.object["code"] as? Int == 429)
        #expect(z.header("X-RateLimit-Type") == "QPS")
        // GET /users is a Medium operation; a per-second 429 carries none of the daily-limit headers.
        #expect(z.header("X-RateLimit-Category") == "Medium")
        #expect(z.header("X-RateLimit-Limit") == nil)
        #expect(z.header("X-RateLimit-Remaining") == nil)
        #expect(z.header("Retry-After") == nil)

        try await Task.sleep(for: .seconds(1))
        let webex = try await http.webexToken()
        answers = try await Self.burst(http, "/webex/v1/people", token: webex)
        let w = try #require(answers.first { $0.status == 429 })
        #expect(w.header("Retry-After") == "7")
        #expect(w.object["trackingId"] != nil)

        try await Task.sleep(for: .seconds(1))
        let goto = try await http.gotoToken()
        answers = try await Self.burst(http, "/goto/admin/rest/v1/me", token: goto)
        let g = try #require(answers.first { $0.status == 429 })
        #expect(g.header("Retry-After") == nil)
        #expect(g.object["incidentId"] != nil)
        try await simulator.shutdown()
    }

    /// Ten requests at once: well over a limit of 2 per second however slowly a loaded machine serves them.
    static func burst(_ http: SimulatorHTTP, _ path: String, token: String) async throws -> [HTTPAnswer] {
        try await withThrowingTaskGroup(of: HTTPAnswer.self) { group in
            for _ in 0..<10 { group.addTask { try await http.send("GET", path, token: token) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("Webex 423 Locked carries Retry-After seconds")
    func webexLocked() async throws {
        var knobs = SimulatorKnobs()
        knobs.webex.lockedRate = 1
        let simulator = try await ProviderSimulator.start(seed: .demo, knobs: knobs)
        let http = SimulatorHTTP(simulator)
        let locked = try await http.send("GET", "/webex/v1/people", token: "whatever")
        #expect(locked.status == 423)
        #expect(locked.header("Retry-After") == "1")
        try await simulator.shutdown()
    }
}
