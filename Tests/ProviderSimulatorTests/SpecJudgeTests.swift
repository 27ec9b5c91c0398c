import Foundation
import Testing

/// The spec check that CI runs over every recorded exchange (`Scripts/spec-check/validate.py --records-dir`)
/// fails on a broken request and on a broken response, and passes the same exchanges when they are right.
@Suite("Spec judge")
struct SpecJudgeTests {
    /// Zoom's 429 for `GET path`: the QPS limit of the Light category.
    static func zoomSlowDown(_ path: String) -> [String: Any] {
        exchange(
            "zoom",
            "GET",
            path,
            status: 429,
            responseHeaders: ["X-RateLimit-Category": "Light", "X-RateLimit-Type": "QPS"],
            response: #"{"code":429,"message":"slow down"}"#
        )
    }

    /// An exchange as the simulator records it, sent by organizer-sync's clients.
    static func exchange(
        _ provider: String,
        _ method: String,
        _ path: String,
        query: String? = nil,
        body: String? = nil,
        status: Int,
        responseHeaders: [String: String] = [:],
        response: String? = nil
    ) -> [String: Any] {
        var record: [String: Any] = [
            "provider": provider, "method": method, "path": path, "status": status,
            "request_headers": ["User-Agent": "organizer-sync", "Content-Type": "application/json"],
            "response_headers": provider == "webex"
                ? responseHeaders.merging(["TrackingID": "T"]) { $1 } : responseHeaders,
        ]
        if let query { record["query"] = query }
        if let body { record["request_body"] = body }
        if let response { record["response_body"] = response }
        return record
    }

    static let person = #"{"id":"P1","emails":["a@example.com"],"displayName":"A","loginEnabled":"true"}"#

    /// Right exchanges: each passes alone.
    static var right: [[String: Any]] {
        [
            exchange("zoom", "PUT", "/v2/users/abc/email", body: #"{"email":"new@example.com"}"#, status: 204),
            exchange(
                "zoom",
                "GET",
                "/v2/users",
                query: "status=active&page_size=300",
                status: 200,
                response: #"{"next_page_token":"","users":[{"email":"a@example.com","type":2}]}"#
            ),
            exchange(
                "webex",
                "PUT",
                "/v1/people/P1",
                query: "callingData=true&showAllTypes=true",
                body: #"{"displayName":"A","extension":"4711","loginEnabled":true}"#,
                status: 200,
                response: person
            ),
            zoomSlowDown("/v2/users/abc"),
        ]
    }

    /// Broken requests: an undeclared body property, a body property of the wrong type, an undeclared query
    /// parameter, a query value outside its schema, a body on an operation that takes none, a path not in the spec.
    static var brokenRequests: [[String: Any]] {
        [
            exchange(
                "webex",
                "PUT",
                "/v1/people/P1",
                body: #"{"displayName":"A","timezone":"UTC"}"#,
                status: 200,
                response: person
            ),
            exchange("zoom", "PUT", "/v2/users/abc/email", body: #"{"email":42}"#, status: 204),
            exchange(
                "zoom",
                "GET",
                "/v2/users",
                query: "status=active&invented=1",
                status: 200,
                response: #"{"users":[]}"#
            ),
            exchange("zoom", "GET", "/v2/users", query: "page_size=ten", status: 200, response: #"{"users":[]}"#),
            exchange("webex", "GET", "/v1/people/P1", query: "callingData=yes", status: 200, response: person),
            exchange("zoom", "DELETE", "/v2/users/abc", body: #"{"action":"delete"}"#, status: 204),
            exchange("zoom", "GET", "/v2/people", status: 200, response: "{}"),
        ]
    }

    /// Broken responses: a status the operation does not declare, a body property the schema does not declare,
    /// a per-second Zoom 429 with daily-limit headers, a 429 naming the wrong category, presence in `?id=`
    /// lookups, a Webex answer without TrackingID.
    static var brokenResponses: [[String: Any]] {
        [
            exchange(
                "zoom",
                "PUT",
                "/v2/users/abc/email",
                body: #"{"email":"new@example.com"}"#,
                status: 409,
                response: #"{"code":1005,"message":"taken"}"#
            ),
            exchange(
                "zoom",
                "GET",
                "/v2/users/abc",
                status: 200,
                response: #"{"id":"abc","type":1,"email":"a@example.com","surname":"Invented"}"#
            ),
            exchange(
                "zoom",
                "GET",
                "/v2/users/abc",
                status: 429,
                responseHeaders: [
                    "X-RateLimit-Category": "Light", "X-RateLimit-Type": "QPS",
                    "X-RateLimit-Limit": "30", "Retry-After": "2026-01-01T00:00:00Z",
                ],
                response: #"{"code":429,"message":"slow down"}"#
            ),
            zoomSlowDown("/v2/users"),
            exchange(
                "webex",
                "GET",
                "/v1/people",
                query: "id=P1",
                status: 200,
                response: #"{"items":[{"id":"P1","emails":["a@example.com"],"status":"active"}]}"#
            ),
            [
                "provider": "webex", "method": "DELETE", "path": "/v1/people/P1", "status": 204,
                "request_headers": ["User-Agent": "organizer-sync"], "response_headers": [:],
            ],
        ]
    }

    @Test("Right exchanges pass, and the judge counts them")
    func rightPasses() async throws {
        let (status, output) = try await SpecRecorder.runValidator(exchanges: Self.right)
        #expect(status == 0, "\(output)")
        #expect(output.contains("spec-check: \(Self.right.count) exchanges checked, 0 problems"), "\(output)")
    }

    @Test("Each broken request fails the check", arguments: 0..<7)
    func brokenRequestFails(index: Int) async throws {
        let (status, output) = try await SpecRecorder.runValidator(exchanges: Self.right + [Self.brokenRequests[index]])
        #expect(status == 1, "accepted: \(Self.brokenRequests[index]) \(output)")
        #expect(output.contains("FAIL #\(Self.right.count) "), "\(output)")
    }

    @Test("Each broken response fails the check", arguments: 0..<6)
    func brokenResponseFails(index: Int) async throws {
        let (status, output) = try await SpecRecorder.runValidator(
            exchanges: Self.right + [Self.brokenResponses[index]]
        )
        #expect(status == 1, "accepted: \(Self.brokenResponses[index]) \(output)")
        #expect(output.contains("FAIL #\(Self.right.count) "), "\(output)")
    }

    @Test("Hand-written and exempt exchanges are skipped and counted, not judged")
    func skipsAreCounted() async throws {
        var handWritten = Self.brokenRequests[0]
        handWritten["request_headers"] = ["User-Agent": "curl"]
        var exempt = Self.brokenResponses[0]
        exempt["exempt"] = "hostile answers test"
        let (status, output) = try await SpecRecorder.runValidator(exchanges: [handWritten, exempt])
        #expect(status == 0, "\(output)")
        #expect(output.contains("skipped 1: not sent by organizer-sync's clients"), "\(output)")
        #expect(output.contains("skipped 1: marked exempt by a test"), "\(output)")
    }
}
