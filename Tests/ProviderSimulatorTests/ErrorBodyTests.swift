import Foundation
import ProviderSimulator
import Testing

/// Each provider's error body.
@Suite("Error bodies")
struct ErrorBodyTests {
    @Test("Not found, in three shapes")
    func notFound() async throws {
        let simulator = try await ProviderSimulator.start(seed: .demo)
        let http = SimulatorHTTP(simulator)
        let zoom = try await http.send("GET", "/zoom/v2/users/nobody@example.com", token: try await http.zoomToken())
        #expect(zoom.status == 404)
        #expect(zoom.object["code"] as? Int == 1001)
        #expect((zoom.object["message"] as? String)?.contains("User does not exist") == true)

        let webex = try await http.send("GET", "/webex/v1/people/nobody", token: try await http.webexToken())
        #expect(webex.status == 404)
        let description = (webex.object["errors"] as? [[String: Any]])?.first?["description"] as? String
        #expect(description != nil)
        #expect((webex.object["trackingId"] as? String)?.hasPrefix("ROUTER_") == true)
        #expect(webex.header("TrackingID") == webex.object["trackingId"] as? String)

        let goto = try await http.send(
            "GET",
            "/goto/admin/rest/v1/accounts/\(SimulatorSeed.demo.goto.accountId)/users/123",
            token: try await http.gotoToken()
        )
        #expect(goto.status == 404)
        #expect(goto.object["incidentId"] != nil)
        let error = (goto.object["errors"] as? [[String: Any]])?.first
        #expect(error?["code"] as? String == "user.not.found")
        #expect(error?["value"] as? String == "123")
        try await simulator.shutdown()
    }

    @Test("Zoom validation errors name the field")
    func zoomValidation() async throws {
        let simulator = try await ProviderSimulator.start(seed: .demo)
        let http = SimulatorHTTP(simulator)
        let token = try await http.zoomToken()
        let answer = try await http.send(
            "POST",
            "/zoom/v2/users",
            token: token,
            json: ["action": "create", "user_info": ["email": "not-an-email", "type": 1]]
        )
        #expect(answer.status == 400)
        #expect(answer.object["code"] as? Int == 300)
        let fields = (answer.object["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
        #expect(fields == ["user_info.email"])
        let invalid = try await http.send("POST", "/zoom/v2/users", token: token, json: ["not": "valid"])
        #expect(invalid.status == 400)
        try await simulator.shutdown()
    }

    @Test("Injected 5xx use the provider's error body")
    func injectedErrors() async throws {
        var knobs = SimulatorKnobs()
        knobs.goto.errorRate = 1
        knobs.goto.faultAfterFraction = 0
        let simulator = try await ProviderSimulator.start(seed: .demo, knobs: knobs)
        let http = SimulatorHTTP(simulator)
        let answer = try await http.send("GET", "/goto/admin/rest/v1/me", token: "x")
        #expect([500, 502, 503].contains(answer.status))
        #expect(answer.object["errors"] != nil)
        try await simulator.shutdown()
    }
}
