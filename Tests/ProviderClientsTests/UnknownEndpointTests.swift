import Foundation
import OrganizerSyncCore
import ProviderClients
import ProviderSimulator
import Testing

/// An answer that says "no such endpoint" is a clear error naming the URL, never "no such account": a delete
/// that met it would otherwise count as done and a lookup would find nobody.
@Suite struct UnknownEndpointTests {
    /// The simulator with the spec judge told that these exchanges go to paths outside the spec on purpose.
    static var knobs: SimulatorKnobs {
        SimulatorKnobs(specCheckExemption: "unknown routes on purpose (a wrong api_base_url)")
    }

    @Test(arguments: ProviderKind.allCases)
    func aWrongBaseURLFailsTheListingNamingTheURL(_ kind: ProviderKind) async throws {
        try await withSimulator(knobs: Self.knobs) { simulator in
            let target = try SimulatedTarget(kind, simulator: simulator, seed: .demo, apiPath: "/v9")
            let error = try await #require(throws: ProviderError.self) { try await target.client.listAccounts() }
            #expect(error.code == .unknownEndpoint)
            #expect(error.httpStatus == 404)
            let path =
                kind == .goto
                ? "/goto/v9/admin/rest/v1/me" : kind == .zoom ? "/zoom/v9/v2/users" : "/webex/v9/v1/people"
            #expect(error.description.contains("GET " + simulator.baseURL + path))
        }
    }

    @Test func zoomCode2300OnADeleteIsNotTakenAsAlreadyGone() async throws {
        try await withSimulator(knobs: Self.knobs) { simulator in
            let good = try SimulatedTarget(.zoom, simulator: simulator, seed: .demo)
            let pending = try #require(try await good.client.listAccounts().first { $0.id == nil })
            let wrong = try SimulatedTarget(.zoom, simulator: simulator, seed: .demo, apiPath: "/v9")
            let error = try await #require(throws: ProviderError.self) { try await wrong.client.delete(pending) }
            #expect(error.code == .unknownEndpoint)
            #expect(error.providerCode == "2300")
            // A pending user is addressed by email: the message names the URL without it.
            #expect(error.description.contains(simulator.baseURL + "/zoom/v9/v2/users/{email}"))
            #expect(!error.description.contains(pending.email))
            #expect(try await good.client.account(email: pending.email) != nil)
        }
    }

    @Test func aMethodTheProviderDoesNotTakeIsAnUnknownEndpoint() async throws {
        let target = try FakeTarget(.webex) { _, _ in
            json(405, #"{"message": "The request method is not supported for this resource.", "trackingId": "T1"}"#)
        }
        let account = ProviderAccount(id: "p1", email: "a@example.com", status: .active)
        let error = try await #require(throws: ProviderError.self) { try await target.client.delete(account) }
        #expect(error.code == .unknownEndpoint)
        #expect(error.description.contains("DELETE https://api.test/v1/people/p1"))
    }

    @Test func aGoToNotFoundWithoutAResourceCodeIsAnUnknownEndpoint() async throws {
        let target = try FakeTarget(.goto) { request, _ in
            request.url.contains("/users/")
                ? TransportResponse(status: 404, text: "<html><body>Not Found</body></html>")
                : json(200, "{}")
        }
        let account = ProviderAccount(id: "77", email: "a@example.com", status: .active)
        let error = try await #require(throws: ProviderError.self) { try await target.client.delete(account) }
        #expect(error.code == .unknownEndpoint)
        #expect(error.description.contains("DELETE https://api.test/admin/rest/v1/accounts/4242/users/77"))
    }

    @Test func aGoToUserNotFoundOnADeleteStillCountsAsGone() async throws {
        let target = try FakeTarget(.goto) { _, _ in
            json(404, #"{"incidentId": "i1", "errors": [{"code": "user.not.found", "value": "77"}]}"#)
        }
        try await target.client.delete(ProviderAccount(id: "77", email: "a@example.com", status: .active))
    }
}
