import Foundation
import ProviderSimulator
import Testing

/// `PUT /users/{userId}/email` as `zoom-users.json` (operation `userEmailUpdate`) describes it.
@Suite("Zoom email change")
struct ZoomEmailTests {
    @Test("204 and the same account under the new address; a pending invitation moves; spec codes for refusals")
    func emailChange() async throws {
        let simulator = try await ProviderSimulator.start(seed: .demo)
        let recorder = SpecRecorder()
        let http = SimulatorHTTP(simulator, recorder: recorder)
        let token = try await http.zoomToken()
        func change(_ user: String, _ body: [String: Any]) async throws -> HTTPAnswer {
            try await http.send("PUT", "/zoom/v2/users/\(user)/email", token: token, json: body)
        }
        let grace = try #require(await simulator.accounts(.zoom).first { $0.email == "grace.hopper@example.com" })
        #expect(try await change(grace.id, ["email": "grace.new@example.com"]).status == 204)
        let moved = await simulator.accounts(.zoom).filter { $0.id == grace.id }
        #expect(moved.map(\.email) == ["grace.new@example.com"])
        #expect(try await http.send("GET", "/zoom/v2/users/grace.hopper@example.com", token: token).status == 404)
        #expect(try await http.send("GET", "/zoom/v2/users/grace.new@example.com", token: token).status == 200)

        // The demo's tenth Zoom user is pending: the invitation follows the address.
        let pending = try #require(await simulator.accounts(.zoom).first { $0.status == .pending })
        #expect(try await change(pending.email, ["email": "invited.again@example.com"]).status == 204)
        let list = try await http.send("GET", "/zoom/v2/users?status=pending", token: token)
        let emails = (list.object["users"] as? [[String: Any]] ?? []).compactMap { $0["email"] as? String }
        #expect(emails.contains("invited.again@example.com") && !emails.contains(pending.email))

        let taken = try await change("alan.turing@example.com", ["email": "grace.new@example.com"])
        #expect(taken.status == 400 && taken.object["code"] as? Int == 1005, "\(taken.text)")
        let invalid = try await change("alan.turing@example.com", ["email": "not an address"])
        #expect(invalid.status == 400 && invalid.object["code"] as? Int == 300, "\(invalid.text)")
        let long = try await change(
            "alan.turing@example.com",
            ["email": String(repeating: "a", count: 120) + "@example.com"]
        )
        #expect(long.status == 400)
        let owner = try await change("zoom.owner@example.com", ["email": "boss@example.com"])
        #expect(owner.status == 400 && owner.object["code"] as? Int == 1000, "\(owner.text)")
        #expect(try await change("nobody@example.com", ["email": "x@example.com"]).status == 404)

        // Three changes in 24 hours, then refused.
        for n in 2...3 { #expect(try await change(grace.id, ["email": "grace.\(n)@example.com"]).status == 204) }
        #expect(try await change(grace.id, ["email": "grace.4@example.com"]).status == 400)
        #expect(await simulator.accounts(.zoom).count == 10)

        let (status, output) = try await recorder.validate()
        #expect(status == 0, "\(output)")
        try await simulator.shutdown()
    }
}
