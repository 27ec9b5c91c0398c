import Foundation
import NIOHTTP1
import OrganizerSyncCore
import ProviderClients
import Testing

@Suite struct WebexClientTests {
    static let person = #"""
        {"id":"P1","emails":["p@x.com"],"displayName":"P Q","firstName":"P","lastName":"Q","licenses":["L1"],
         "roles":[],"loginEnabled":"true","invitePending":"false","status":"active","created":"2020-01-01",
         "futureField":{"kept":true},"department":"Sales","timezone":"Europe/Berlin","extension":"4711",
         "locationId":"LOC1","phoneNumbers":[{"type":"work","value":"+1 555","primary":true},
         {"type":"work_extension","value":"84711","primary":false}],"siteUrls":["s.webex.com#attendee"]}
        """#

    /// The PUT body is what the update schema of `webex-admin.json` takes: every writable field read (calling
    /// data included, read with `callingData=true`), nothing read-only or unknown.
    @Test func updateSendsEveryWritableFieldBackAndNothingElse() async throws {
        let target = try FakeTarget(.webex) { request, _ in
            json(200, Self.person)
        }
        let account = ProviderAccount(id: "P1", email: "p@x.com", status: .active)
        let suspended = try await target.client.suspend(account)
        let put = try #require(target.apiRequests.last)
        #expect(put.method == .PUT)
        #expect(put.url.hasSuffix("/people/P1?callingData=true&showAllTypes=true"))
        let get = try #require(target.apiRequests.first)
        #expect(get.method == .GET && get.url.hasSuffix("/people/P1?callingData=true"))
        #expect(!put.text.contains("futureField"))
        #expect(!put.text.contains("timezone"))
        #expect(!put.text.contains("invitePending") && !put.text.contains(#""status""#))
        #expect(put.text.contains(#""extension":"4711""#) && put.text.contains(#""locationId":"LOC1""#))
        let body = try #require(try JSONSerialization.jsonObject(with: Data(put.text.utf8)) as? [String: Any])
        let numbers = try #require(body["phoneNumbers"] as? [[String: String]])
        #expect(numbers == [["type": "work", "value": "+1 555"]])
        #expect(put.text.contains(#""siteUrls":["s.webex.com#attendee"]"#))
        #expect(put.text.contains(#""loginEnabled":false"#))
        #expect(put.text.contains(#""licenses":["L1"]"#))
        #expect(put.text.contains(#""department":"Sales""#))
        #expect(!put.text.contains(#""created""#))
        #expect(!put.text.contains(#""id""#))
        #expect(suspended.status == .active)  // the fake answers the old person
    }

    @Test func followsLinkHeadersAndRepairsMaxNull() async throws {
        let target = try FakeTarget(.webex) { request, _ in
            if request.url.contains("cursor=2") {
                return json(200, #"{"items":[{"id":"B","emails":["b@x.com"],"loginEnabled":"false"}]}"#)
            }
            return json(
                200,
                #"{"items":[{"id":"A","emails":["a@x.com"],"invitePending":"true"}]}"#,
                headers: [("Link", #"<https://api.test/v1/people?cursor=2&max=null>; rel="next""#)]
            )
        }
        let accounts = try await target.client.listAccounts()
        #expect(accounts.map(\.status) == [.pending, .suspended])
        #expect(target.apiRequests[1].url == "https://api.test/v1/people?cursor=2&max=1000")
    }

    @Test func locked423IsRetriedAfterItsSeconds() async throws {
        let target = try FakeTarget(.webex) { _, index in
            index == 1
                ? json(423, #"{"message":"locked","trackingId":"T1"}"#, headers: [("Retry-After", "7")])
                : json(200, #"{"items":[]}"#)
        }
        #expect(try await target.client.account(email: "n@x.com") == nil)
        #expect(target.clock.sleeps.contains(.seconds(7)))
    }

    @Test func errorKeepsTrackingIDAndHidesPersonalData() async throws {
        let target = try FakeTarget(.webex) { _, _ in
            json(
                404,
                #"{"message":"Person p@x.com not found","errors":[{"description":"nope"}],"trackingId":"ROUTER_1"}"#
            )
        }
        let error = await #expect(throws: ProviderError.self) {
            try await target.client.update(
                ProviderAccount(id: "P1", email: "p@x.com", status: .active),
                with: AccountFields(email: "p@x.com", firstName: "New")
            )
        }
        #expect(error?.code == .notFound)
        #expect(error?.trackingID == "ROUTER_1")
        #expect(error?.description.contains("p@x.com") == false)
        #expect(error?.debugDescription.contains("p@x.com") == true)
    }

    @Test func createAnswered400IsLookedUpBeforeFailing() async throws {
        let target = try FakeTarget(.webex) { request, _ in
            if request.method == .POST { return json(400, #"{"message":"partial failure","trackingId":"T"}"#) }
            return json(200, #"{"items":[{"id":"N","emails":["n@x.com"]}]}"#)
        }
        let account = try await target.client.create(AccountFields(email: "n@x.com", firstName: "N"))
        #expect(account.id == "N")
    }

    @Test func rotatedRefreshTokenIsReportedAndUsedNext() async throws {
        let rotated = RequestRecorder()
        let target = try FakeTarget(
            .webex,
            rotate: true,
            onRotation: { _, token in
                _ = rotated.record(TransportRequest(method: .GET, url: token.value))
            },
            handler: { _, index in
                index == 1 ? json(401, #"{"message":"expired"}"#) : json(200, #"{"items":[]}"#)
            }
        )
        _ = try await target.client.account(email: "a@x.com")
        #expect(rotated.all.map(\.url) == [FakeTarget.secrets[3]])
        #expect(target.tokenRequests.count == 2)
        #expect(target.tokenRequests[1].text.contains("refresh_token=\(FakeTarget.secrets[3])"))
        #expect(target.tokenRequests[0].text.contains("client_id=\(FakeTarget.secrets[0])"))
        #expect(!target.logsLeakSecrets())
    }
}
