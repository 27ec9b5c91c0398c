import Foundation
import ProviderSimulator
import Testing

/// Zoom counts each rate-limit label on its own: spending Medium (listing) leaves Light (single users) free.
@Suite("Zoom rate limits per category")
struct ZoomRateCategoryTests {
    @Test(
        "Daily limits per label: answers show the label's count; a spent label gets Daily-limit with Retry-After at the next midnight UTC"
    )
    func dailyPerLabel() async throws {
        var knobs = SimulatorKnobs()
        knobs.zoom.dailyLimit = 3
        let simulator = try await ProviderSimulator.start(seed: .demo, knobs: knobs)
        let http = SimulatorHTTP(simulator)
        let token = try await http.zoomToken()
        var answers: [HTTPAnswer] = []
        for _ in 0..<4 { answers.append(try await http.send("GET", "/zoom/v2/users", token: token)) }
        #expect(answers.map(\.status) == [200, 200, 200, 429])
        #expect(answers[0].header("X-RateLimit-Category") == "Medium")
        #expect(answers[0].header("X-RateLimit-Limit") == "3")
        #expect(answers[0].header("X-RateLimit-Remaining") == "2")
        #expect(answers[2].header("X-RateLimit-Remaining") == "0")
        let limited = answers[3]
        #expect(limited.header("X-RateLimit-Type") == "Daily-limit")
        #expect(limited.header("X-RateLimit-Category") == "Medium")
        #expect(limited.header("X-RateLimit-Limit") == "3")
        #expect(limited.header("X-RateLimit-Remaining") == "0")
        #expect(limited.header("Retry-After")?.hasSuffix("T00:00:00Z") == true)
        #expect((limited.object["message"] as? String)?.contains("daily") == true)

        // Medium is spent; Light has its own count.
        let light = try await http.send("GET", "/zoom/v2/users/grace.hopper@example.com", token: token)
        #expect(light.status == 200)
        #expect(light.header("X-RateLimit-Category") == "Light")
        #expect(light.header("X-RateLimit-Remaining") == "2")
        try await simulator.shutdown()
    }

    @Test("Per-label limits from a plan's table; a per-second 429 names its label only")
    func perSecondPerLabel() async throws {
        var knobs = SimulatorKnobs()
        knobs.zoom.categoryLimits = ZoomRateLimits.free
        knobs.zoom.categoryLimits[ZoomRateLimits.medium] = .init(requestsPerSecond: 0.01, dailyLimit: 2_000)
        let simulator = try await ProviderSimulator.start(seed: .demo, knobs: knobs)
        let http = SimulatorHTTP(simulator)
        let token = try await http.zoomToken()
        #expect(try await http.send("GET", "/zoom/v2/users", token: token).status == 200)
        let throttled = try await http.send("GET", "/zoom/v2/users", token: token)
        #expect(throttled.status == 429)
        #expect(throttled.header("X-RateLimit-Category") == "Medium")
        #expect(throttled.header("X-RateLimit-Type") == "QPS")
        #expect(throttled.header("X-RateLimit-Limit") == nil)
        // Light (4 a second on the Free plan) is not touched by Medium's bucket.
        let light = try await http.send("GET", "/zoom/v2/users/grace.hopper@example.com", token: token)
        #expect(light.status == 200)
        #expect(light.header("X-RateLimit-Limit") == "6000")
        try await simulator.shutdown()
    }

    @Test("The knob reads from JSON")
    func decodes() throws {
        let json = #"{"zoom": {"categoryLimits": {"Heavy": {"requestsPerSecond": 1, "dailyLimit": 1000}}}}"#
        let knobs = try JSONDecoder().decode(SimulatorKnobs.self, from: Data(json.utf8))
        #expect(knobs.zoom.categoryLimits["Heavy"] == .init(requestsPerSecond: 1, dailyLimit: 1_000))
    }
}
