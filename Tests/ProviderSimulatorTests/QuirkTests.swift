import Foundation
import ProviderSimulator
import Testing

/// The documented quirks that clients must cope with.
@Suite("Provider quirks")
struct QuirkTests {
    static let gotoUsers = "/goto/admin/rest/v1/accounts/\(SimulatorSeed.demo.goto.accountId)/users"

    @Test("GoTo create answers with existing users too, and suspending is licence removal")
    func gotoCreateAndSuspend() async throws {
        let simulator = try await ProviderSimulator.start(seed: .demo)
        let http = SimulatorHTTP(simulator)
        let token = try await http.gotoToken()
        let licence = SimulatorSeed.demo.goto.licenses[0].id
        let body: [String: Any] = [
            "users": [
                ["email": "grace.hopper@example.com", "firstName": "Grace", "lastName": "Hopper"],
                ["email": "new.joiner@example.com", "firstName": "New", "lastName": "Joiner"],
            ],
            "licenseKeys": [licence], "suppressEmail": true,
        ]
        let created = try await http.send("POST", Self.gotoUsers, token: token, json: body)
        #expect(created.status == 201)
        let answer = try #require(created.json as? [[String: Any]])
        #expect(answer.map { $0["email"] as? String } == ["grace.hopper@example.com", "new.joiner@example.com"])
        let existingKey = SimulatorSeed.demo.goto.accounts[1].id
        #expect(answer[0]["key"] as? String == existingKey)
        let again = try await http.send("POST", Self.gotoUsers, token: token, json: body)
        #expect((again.json as? [[String: Any]])?.count == 2)
        #expect(await simulator.accounts(.goto).count == 11)

        let newKey = try #require(answer[1]["key"] as? String)
        let removed = try await http.send(
            "DELETE",
            "/goto/admin/rest/v1/accounts/\(SimulatorSeed.demo.goto.accountId)/licenses/\(licence)/users/\(newKey)",
            token: token
        )
        #expect(removed.status == 204)
        #expect(await simulator.accounts(.goto).first { $0.id == newKey }?.status == .inactive)
        let restored = try await http.send(
            "PUT",
            "\(Self.gotoUsers)/\(newKey)",
            token: token,
            json: ["licenseKeys": [licence]]
        )
        #expect(restored.status == 204)
        #expect(await simulator.accounts(.goto).first { $0.id == newKey }?.status == .active)
        let withKey = try await http.send(
            "PUT",
            "\(Self.gotoUsers)/\(newKey)",
            token: token,
            json: ["key": newKey, "firstName": "X"]
        )
        #expect(withKey.status == 400)
        try await simulator.shutdown()
    }

    @Test("GoTo filter wants %20, not +")
    func gotoFilter() async throws {
        let simulator = try await ProviderSimulator.start(seed: .demo)
        let http = SimulatorHTTP(simulator)
        let token = try await http.gotoToken()
        let good = try await http.send(
            "GET",
            "\(Self.gotoUsers)?filter=email%20eq%20%22alan.turing@example.com%22",
            token: token
        )
        #expect(good.object["total"] as? Int == 1)
        let none = try await http.send(
            "GET",
            "\(Self.gotoUsers)?filter=email%20eq%20%22nobody@example.com%22",
            token: token
        )
        #expect(none.object["total"] as? Int == 0)
        let plus = try await http.send(
            "GET",
            "\(Self.gotoUsers)?filter=email+eq+%22alan.turing@example.com%22",
            token: token
        )
        #expect(plus.status == 400)
        try await simulator.shutdown()
    }

    @Test("Zoom: 409/1005, pending users, status PUT, DELETE defaults to disassociate")
    func zoomQuirks() async throws {
        let simulator = try await ProviderSimulator.start(seed: .demo)
        let http = SimulatorHTTP(simulator)
        let token = try await http.zoomToken()
        let dup = try await http.send(
            "POST",
            "/zoom/v2/users",
            token: token,
            json: ["action": "create", "user_info": ["email": "grace.hopper@example.com", "type": 2]]
        )
        #expect(dup.status == 409)
        #expect(dup.object["code"] as? Int == 1005)
        let created = try await http.send(
            "POST",
            "/zoom/v2/users",
            token: token,
            json: ["action": "create", "user_info": ["email": "pending.one@example.com", "type": 2]]
        )
        let id = try #require(created.object["id"] as? String)
        let pending = try await http.send("GET", "/zoom/v2/users?status=pending", token: token)
        let row = (pending.object["users"] as! [[String: Any]]).first {
            $0["email"] as? String == "pending.one@example.com"
        }
        #expect(row != nil && row?["id"] == nil)
        #expect(
            try await http.send("GET", "/zoom/v2/users/pending.one@example.com", token: token).object["id"] as? String
                == id
        )

        let off = try await http.send(
            "PUT",
            "/zoom/v2/users/alan.turing@example.com/status",
            token: token,
            json: ["action": "deactivate"]
        )
        #expect(off.status == 200)
        let inactive = try await http.send("GET", "/zoom/v2/users?status=inactive", token: token)
        #expect(
            (inactive.object["users"] as! [[String: Any]]).contains {
                $0["email"] as? String == "alan.turing@example.com"
            }
        )
        let owner = try await http.send(
            "PUT",
            "/zoom/v2/users/zoom.owner@example.com/status",
            token: token,
            json: ["action": "deactivate"]
        )
        #expect(owner.status == 400)

        #expect(try await http.send("DELETE", "/zoom/v2/users/pending.one@example.com", token: token).status == 204)
        #expect(
            try await http.send("DELETE", "/zoom/v2/users/alan.turing@example.com?action=delete", token: token).status
                == 204
        )
        let deletes = await simulator.requestLog().filter { $0.method == "DELETE" }
        #expect(deletes.map(\.query) == [nil, "action=delete"])
        #expect(await simulator.accounts(.zoom).count == 9)
        try await simulator.shutdown()
    }

    @Test("Webex: PUT is a full replace; loginEnabled; GET /people?email=")
    func webexFullReplace() async throws {
        let simulator = try await ProviderSimulator.start(seed: .demo)
        let http = SimulatorHTTP(simulator)
        let token = try await http.webexToken()
        let found = try await http.send("GET", "/webex/v1/people?email=grace.hopper%40example.com", token: token)
        let person = try #require((found.object["items"] as? [[String: Any]])?.first)
        let id = try #require(person["id"] as? String)
        #expect((person["licenses"] as? [String])?.isEmpty == false)
        let replaced = try await http.send(
            "PUT",
            "/webex/v1/people/\(id)",
            token: token,
            json: ["displayName": "Grace B. Hopper", "loginEnabled": false]
        )
        #expect(replaced.status == 200)
        #expect(replaced.object["loginEnabled"] as? String == "false")
        #expect(replaced.object["firstName"] == nil, "fields not sent are cleared")
        #expect((replaced.object["licenses"] as? [String]) == [])
        #expect(replaced.object["department"] == nil)
        let account = try #require(await simulator.accounts(.webex).first { $0.id == id })
        #expect(account.status == .inactive)
        #expect(account.licenses.isEmpty)
        let back = try await http.send(
            "PUT",
            "/webex/v1/people/\(id)",
            token: token,
            json: ["displayName": "Grace Hopper", "firstName": "Grace", "loginEnabled": true]
        )
        #expect(back.object["loginEnabled"] as? String == "true")
        #expect(back.object["firstName"] as? String == "Grace")
        let noName = try await http.send("PUT", "/webex/v1/people/\(id)", token: token, json: ["firstName": "Grace"])
        #expect(noName.status == 400)
        let none = try await http.send("GET", "/webex/v1/people?email=nobody%40example.com", token: token)
        #expect((none.object["items"] as? [Any])?.isEmpty == true)
        try await simulator.shutdown()
    }
}
