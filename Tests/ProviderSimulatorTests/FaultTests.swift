import Foundation
import ProviderSimulator
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Lost answers, before and after the request took effect, and hanging requests.
@Suite("Fault injection")
struct FaultTests {
    static func zoomCreate(_ http: SimulatorHTTP, token: String, email: String) async -> HTTPAnswer? {
        try? await http.send(
            "POST",
            "/zoom/v2/users",
            token: token,
            json: ["action": "autoCreate", "user_info": ["email": email, "type": 1]]
        )
    }

    @Test("A dropped answer AFTER the create leaves the account created")
    func dropAfter() async throws {
        let simulator = try await ProviderSimulator.start(seed: .demo)
        let http = SimulatorHTTP(simulator)
        let token = try await http.zoomToken()
        await simulator.setKnobs(SimulatorKnobs(zoom: ProviderKnobs(dropRate: 1, faultAfterFraction: 1)))
        #expect(await Self.zoomCreate(http, token: token, email: "lost.after@example.com") == nil)
        await simulator.setKnobs(SimulatorKnobs())
        #expect(await simulator.accounts(.zoom).contains { $0.email == "lost.after@example.com" })
        let retry = await Self.zoomCreate(http, token: token, email: "lost.after@example.com")
        #expect(retry?.status == 409)
        #expect(await simulator.requestLog().contains { $0.fault == "drop-after" && $0.status == nil })
        try await simulator.shutdown()
    }

    @Test("A dropped answer BEFORE the create creates nothing")
    func dropBefore() async throws {
        let simulator = try await ProviderSimulator.start(seed: .demo)
        let http = SimulatorHTTP(simulator)
        let token = try await http.zoomToken()
        await simulator.setKnobs(SimulatorKnobs(zoom: ProviderKnobs(dropRate: 1, faultAfterFraction: 0)))
        #expect(await Self.zoomCreate(http, token: token, email: "lost.before@example.com") == nil)
        #expect(await !simulator.accounts(.zoom).contains { $0.email == "lost.before@example.com" })
        try await simulator.shutdown()
    }

    @Test("A 5xx after the create also leaves the account created")
    func errorAfter() async throws {
        let simulator = try await ProviderSimulator.start(seed: .demo)
        let http = SimulatorHTTP(simulator)
        let token = try await http.webexToken()
        await simulator.setKnobs(SimulatorKnobs(webex: ProviderKnobs(errorRate: 1, faultAfterFraction: 1)))
        let answer = try await http.send(
            "POST",
            "/webex/v1/people",
            token: token,
            json: ["emails": ["half@example.com"], "displayName": "Half"]
        )
        #expect([500, 502, 503].contains(answer.status))
        #expect(await simulator.accounts(.webex).contains { $0.email == "half@example.com" })
        try await simulator.shutdown()
    }

    @Test("A hanging request times out on the client; shutdown still ends")
    func hang() async throws {
        let simulator = try await ProviderSimulator.start(seed: .demo)
        let http = SimulatorHTTP(simulator, timeout: 1)
        await simulator.setKnobs(SimulatorKnobs(goto: ProviderKnobs(hangRate: 1, faultAfterFraction: 0)))
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: (any Error).self) { try await http.send("GET", "/goto/admin/rest/v1/me", token: "x") }
        #expect(clock.now - start >= .milliseconds(900))
        try await simulator.shutdown()
    }

    @Test("The same seed draws the same faults")
    func reproducible() async throws {
        func run() async throws -> [String?] {
            let knobs = SimulatorKnobs(zoom: ProviderKnobs(errorRate: 0.3, faultAfterFraction: 0.5), seed: 99)
            let simulator = try await ProviderSimulator.start(seed: .demo, knobs: knobs)
            let http = SimulatorHTTP(simulator)
            for _ in 0..<30 { _ = try? await http.send("GET", "/zoom/v2/users/me@example.com", token: "x") }
            let faults = await simulator.requestLog().map(\.fault)
            try await simulator.shutdown()
            return faults
        }
        let first = try await run()
        #expect(first.contains { $0 != nil })
        #expect(try await run() == first)
    }

    @Test("Latency is added")
    func latency() async throws {
        let simulator = try await ProviderSimulator.start(
            seed: .demo,
            knobs: SimulatorKnobs(webex: ProviderKnobs(latencyMilliseconds: 300))
        )
        let http = SimulatorHTTP(simulator)
        let clock = ContinuousClock()
        let start = clock.now
        _ = try await http.send("GET", "/webex/v1/people", token: "x")
        #expect(clock.now - start >= .milliseconds(300))
        try await simulator.shutdown()
    }
}
