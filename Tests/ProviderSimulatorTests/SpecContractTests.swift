import Foundation
import ProviderSimulator
import Testing

/// Every Zoom and Webex answer the simulator gives (successes, errors, several pages) validates against the
/// official OpenAPI specs, checked by `Scripts/spec-check/validate.py`.
@Suite("Spec contract")
struct SpecContractTests {
    @Test("Zoom answers match zoom-users.json")
    func zoomMatchesSpec() async throws {
        let simulator = try await ProviderSimulator.start(seed: .generated(accountsPerProvider: 300))
        let recorder = SpecRecorder()
        let http = SimulatorHTTP(simulator, recorder: recorder)
        let token = try await http.zoomToken()
        var next = ""
        var pages = 0
        repeat {
            let page = try await http.send("GET", "/zoom/v2/users?page_size=100&next_page_token=\(next)", token: token)
            next = page.object["next_page_token"] as? String ?? ""
            pages += 1
        } while !next.isEmpty
        #expect(pages >= 3)
        for status in ["inactive", "pending"] {
            try await http.send("GET", "/zoom/v2/users?status=\(status)", token: token)
        }
        try await http.send("GET", "/zoom/v2/users?status=gone", token: token)
        try await http.send("GET", "/zoom/v2/users?next_page_token=bogus", token: token)
        let created = try await http.send(
            "POST",
            "/zoom/v2/users",
            token: token,
            json: ["action": "create", "user_info": ["email": "new.user@example.com", "type": 2, "first_name": "New"]]
        )
        #expect(created.status == 201)
        let id = created.object["id"] as! String
        try await http.send(
            "POST",
            "/zoom/v2/users",
            token: token,
            json: ["action": "create", "user_info": ["email": "new.user@example.com", "type": 2]]
        )
        try await http.send(
            "POST",
            "/zoom/v2/users",
            token: token,
            json: ["action": "create", "user_info": ["type": 2]]
        )
        try await http.send("GET", "/zoom/v2/users/\(id)", token: token)
        try await http.send("GET", "/zoom/v2/users/user1@example.com", token: token)
        try await http.send("GET", "/zoom/v2/users/nobody@example.com", token: token)
        try await http.send(
            "PATCH",
            "/zoom/v2/users/user1@example.com",
            token: token,
            json: ["first_name": "Renamed", "dept": "X"]
        )
        try await http.send("PATCH", "/zoom/v2/users/user1@example.com", token: token, json: ["type": 7])
        try await http.send(
            "PUT",
            "/zoom/v2/users/user1@example.com/status",
            token: token,
            json: ["action": "deactivate"]
        )
        try await http.send(
            "PUT",
            "/zoom/v2/users/user1@example.com/status",
            token: token,
            json: ["action": "activate"]
        )
        try await http.send(
            "PUT",
            "/zoom/v2/users/zoom.owner@example.com/status",
            token: token,
            json: ["action": "deactivate"]
        )
        try await http.send("GET", "/zoom/v2/users/email?email=user2@example.com", token: token)
        try await http.send("GET", "/zoom/v2/users/summary", token: token)
        try await http.send("DELETE", "/zoom/v2/users/\(id)?action=delete", token: token)
        try await http.send("DELETE", "/zoom/v2/users/\(id)", token: token)
        try await http.send("GET", "/zoom/v2/users", token: "not-a-token")
        var knobs = SimulatorKnobs()
        // One request per 100 s: the second of the three is refused however slowly a loaded machine sends them
        // (at one per second, CI once sent them more than a second apart and saw no 429).
        knobs.zoom.requestsPerSecond = 0.01
        await simulator.setKnobs(knobs)
        for _ in 0..<3 { try await http.send("GET", "/zoom/v2/users/user3@example.com", token: token) }
        let statuses = await recorder.statuses()
        #expect(statuses.isSuperset(of: [200, 201, 204, 400, 401, 404, 409, 429]))
        let (status, output) = try await recorder.validate()
        #expect(status == 0, "\(output)")
        try await simulator.shutdown()
    }

    @Test("Webex answers match webex-admin.json")
    func webexMatchesSpec() async throws {
        let simulator = try await ProviderSimulator.start(seed: .generated(accountsPerProvider: 250))
        let recorder = SpecRecorder()
        let http = SimulatorHTTP(simulator, recorder: recorder)
        let token = try await http.webexToken()
        var url: String? = simulator.baseURL + "/webex/v1/people?max=100"
        var pages = 0
        while let current = url {
            let page = try await http.send("GET", url: current, token: token)
            url = page.header("Link").flatMap(Self.nextLink)
            pages += 1
        }
        #expect(pages == 3)
        try await http.send("GET", "/webex/v1/people?email=user5%40example.com", token: token)
        let people = SimulatorSeed.generated(accountsPerProvider: 250).webex.accounts
        try await http.send("GET", "/webex/v1/people?id=\(people[1].id),missing", token: token)
        try await http.send("GET", "/webex/v1/people?displayName=First1", token: token)
        try await http.send("GET", "/webex/v1/people/me", token: token)
        try await http.send("GET", "/webex/v1/people/\(people[2].id)", token: token)
        try await http.send("GET", "/webex/v1/people/nope", token: token)
        let created = try await http.send(
            "POST",
            "/webex/v1/people",
            token: token,
            json: ["emails": ["new.person@example.com"], "firstName": "New", "lastName": "Person"]
        )
        #expect(created.status == 200)
        let id = created.object["id"] as! String
        try await http.send(
            "POST",
            "/webex/v1/people",
            token: token,
            json: ["emails": ["new.person@example.com"], "displayName": "Dup"]
        )
        try await http.send("POST", "/webex/v1/people", token: token, json: ["displayName": "No email"])
        try await http.send(
            "PUT",
            "/webex/v1/people/\(id)",
            token: token,
            json: ["displayName": "New P", "loginEnabled": false]
        )
        try await http.send("PUT", "/webex/v1/people/\(id)", token: token, json: ["firstName": "No display name"])
        try await http.send("GET", "/webex/v1/licenses", token: token)
        let licence = SimulatorSeed.demo.webex.licenses[1].id
        let patched = try await http.send(
            "PATCH",
            "/webex/v1/licenses/users",
            token: token,
            json: ["personId": id, "licenses": [["id": licence, "operation": "add"]]]
        )
        #expect((patched.object["licenses"] as? [String])?.contains(licence) == true)
        try await http.send(
            "PATCH",
            "/webex/v1/licenses/users",
            token: token,
            json: ["email": "new.person@example.com", "licenses": [["id": "unknown", "operation": "remove"]]]
        )
        try await http.send("DELETE", "/webex/v1/people/\(id)", token: token)
        try await http.send("DELETE", "/webex/v1/people/\(id)", token: token)
        try await http.send("GET", "/webex/v1/people", token: "expired-or-unknown")
        let app = SimulatorSeed.demo.webex.serviceApp!
        let body = [
            "clientId": app.clientId, "clientSecret": app.clientSecret,
            "targetOrgId": SimulatorSeed.demo.webex.accountId,
        ]
        try await http.send("POST", "/webex/v1/applications/\(app.applicationId)/token", token: token, json: body)
        try await http.send(
            "POST",
            "/webex/v1/applications/\(app.applicationId)/token",
            token: token,
            json: ["clientId": "x"]
        )
        var knobs = SimulatorKnobs()
        knobs.webex.errorRate = 1
        knobs.webex.faultAfterFraction = 0
        await simulator.setKnobs(knobs)
        for _ in 0..<3 { try await http.send("GET", "/webex/v1/people/\(people[3].id)", token: token) }
        knobs.webex = ProviderKnobs(lockedRate: 1)
        await simulator.setKnobs(knobs)
        try await http.send("GET", "/webex/v1/people", token: token)
        knobs.webex = ProviderKnobs(requestsPerSecond: 0.01)  // as for Zoom: a 429 however slow the machine
        await simulator.setKnobs(knobs)
        for _ in 0..<3 { try await http.send("GET", "/webex/v1/licenses", token: token) }
        let statuses = await recorder.statuses()
        #expect(statuses.isSuperset(of: [200, 204, 400, 401, 404, 409, 423, 429]))
        let (status, output) = try await recorder.validate()
        #expect(status == 0, "\(output)")
        try await simulator.shutdown()
    }

    @Test("The validator rejects answers that break the spec")
    func validatorRejectsWrongAnswers() async throws {
        let wrong: [[String: Any]] = [
            // type must be an integer from the enum; users must be an array.
            [
                "provider": "zoom", "method": "GET", "path": "/v2/users", "status": 200, "headers": [:],
                "body": #"{"next_page_token":"","users":[{"email":"a@example.com","type":"two"}]}"#,
            ],
            // a property the spec does not declare.
            [
                "provider": "zoom", "method": "GET", "path": "/v2/users/abc", "status": 200, "headers": [:],
                "body": #"{"id":"abc","type":1,"email":"a@example.com","surname":"Invented"}"#,
            ],
            // loginEnabled is the string "true"/"false" in responses, not a boolean.
            [
                "provider": "webex", "method": "GET", "path": "/v1/people/abc", "status": 200,
                "headers": ["TrackingID": "T"],
                "body": #"{"id":"abc","emails":["a@example.com"],"loginEnabled":true}"#,
            ],
            // an error body in Zoom's shape but from Webex, without TrackingID.
            [
                "provider": "webex", "method": "DELETE", "path": "/v1/people/abc", "status": 404, "headers": [:],
                "body": #"{"code":1001,"message":"nope"}"#,
            ],
            // a 429 with Retry-After in seconds is wrong for Zoom.
            [
                "provider": "zoom", "method": "GET", "path": "/v2/users", "status": 429,
                "headers": ["Retry-After": "3"],
                "body": #"{"code":429,"message":"slow down"}"#,
            ],
            // a status the operation does not declare.
            [
                "provider": "zoom", "method": "PATCH", "path": "/v2/users/abc", "status": 201, "headers": [:],
                "body": "",
            ],
        ]
        for record in wrong {
            let (status, output) = try await SpecRecorder.runValidator(records: [record])
            #expect(status == 1, "accepted: \(record) \(output)")
            #expect(output.contains("FAIL"))
        }
        let right: [String: Any] = [
            "provider": "zoom", "method": "GET", "path": "/v2/users", "status": 200, "headers": [:],
            "body": #"{"next_page_token":"","users":[{"email":"a@example.com","type":2,"status":"active"}]}"#,
        ]
        await #expect(try SpecRecorder.runValidator(records: [right]).status == 0)
    }

    /// The URL of `rel="next"` in a Link header.
    static func nextLink(_ header: String) -> String? {
        for part in header.split(separator: ",") where part.contains("rel=\"next\"") {
            guard let start = part.firstIndex(of: "<"), let end = part.firstIndex(of: ">") else { continue }
            return String(part[part.index(after: start)..<end])
        }
        return nil
    }
}
