import NIOHTTP1
import OrganizerSyncCore
import ProviderClients
import Testing

@Suite struct GoToClientTests {
    @Test func pagesByToIndexAndKeepsHugeKeysExact() async throws {
        let target = try FakeTarget(.goto) { request, _ in
            if request.url.contains("offset=0") {
                return json(
                    200,
                    #"{"results":[{"key":78888886011013972886849029,"email":"a@x.com","licenseKeys":["L1"]}],"fromIndex":0,"toIndex":0,"total":2}"#
                )
            }
            return json(
                200,
                #"{"results":[{"key":"2","email":"b@x.com","licenseKeys":[],"adminRoles":["SUPER_USER"]}],"fromIndex":1,"toIndex":1,"total":2}"#
            )
        }
        let accounts = try await target.client.listAccounts()
        #expect(accounts.map(\.id) == ["78888886011013972886849029", "2"])
        #expect(accounts.map(\.status) == [.active, .suspended])
        #expect(accounts[1].isAdmin)
        #expect(target.apiRequests[1].url.contains("offset=1&pageSize=1000"))
    }

    @Test func lookupEncodesSpacesAsPercent20() async throws {
        let target = try FakeTarget(.goto) { _, _ in json(200, #"{"results":[],"total":0}"#) }
        #expect(try await target.client.account(email: "a+b@x.com") == nil)
        #expect(
            target.apiRequests[0].url
                == "https://api.test/admin/rest/v1/accounts/4242/users?filter=email%20eq%20%22a%2Bb%40x.com%22"
        )
    }

    @Test func suspendRemovesLicencesAndReactivateGivesThemBack() async throws {
        let target = try FakeTarget(.goto) { request, _ in
            // The read-back after reactivation finds the licences given back.
            guard request.method == .GET else { return TransportResponse(status: 204) }
            return json(200, #"{"results":[{"key":"7","email":"a@x.com","licenseKeys":["L1","L2"]}],"total":1}"#)
        }
        let account = ProviderAccount(id: "7", email: "a@x.com", status: .active, licences: ["L1", "L2"])
        let suspended = try await target.client.suspend(account)
        #expect(suspended.status == .suspended)
        #expect(suspended.fields[GoToClient.suspendedLicencesField] == "L1,L2")
        var forgotten = suspended
        forgotten.fields = [:]  // a fresh listing does not carry the field: memory does
        let active = try await target.client.reactivate(forgotten)
        #expect(active.licences == ["L1", "L2"])
        #expect(
            target.apiRequests.map { "\($0.method) \($0.url)" } == [
                "DELETE https://api.test/admin/rest/v1/accounts/4242/licenses/L1/users/7",
                "DELETE https://api.test/admin/rest/v1/accounts/4242/licenses/L2/users/7",
                "POST https://api.test/admin/rest/v1/accounts/4242/licenses/L1/users",
                "POST https://api.test/admin/rest/v1/accounts/4242/licenses/L2/users",
                "GET https://api.test/admin/rest/v1/accounts/4242/users?filter=email%20eq%20%22a%40x.com%22",
            ]
        )
        #expect(target.apiRequests[2].text == #"{"userKeys":["7"]}"#)
    }

    @Test func lostCreateAnswerIsLookedUpAndNotSentAgain() async throws {
        let target = try FakeTarget(.goto) { request, _ in
            if request.method == .POST { throw TransportError(.timedOut) }
            return json(200, #"{"results":[{"key":"9","email":"n@x.com","licenseKeys":["L"]}],"total":1}"#)
        }
        let account = try await target.client.create(AccountFields(email: "n@x.com", firstName: "N", licences: ["L"]))
        #expect(account.id == "9")
        #expect(target.apiRequests.filter { $0.method == .POST }.count == 1)
        #expect(target.client.statistics.uncertainCreates == 1)
    }

    @Test func createAfter5xxWithNoAccountIsTriedAgain() async throws {
        let target = try FakeTarget(.goto) { request, index in
            if request.method == .POST {
                let posts = index  // first POST fails, the next succeeds
                return posts < 3
                    ? json(503, #"{"incidentId":"INC-1","errors":[{"code":"service.unavailable"}]}"#)
                    : json(201, #"[{"key":"11","email":"n@x.com"}]"#)
            }
            return json(200, #"{"results":[],"total":0}"#)
        }
        let account = try await target.client.create(AccountFields(email: "n@x.com"))
        #expect(account.id == "11")
        #expect(target.apiRequests.map(\.method) == [.POST, .GET, .POST])
    }

    @Test func throttlingWithoutHeadersBacksOffExponentially() async throws {
        let target = try FakeTarget(.goto) { _, index in
            index < 4 ? json(429, "") : TransportResponse(status: 204)
        }
        try await target.client.delete(ProviderAccount(id: "1", email: "a@x.com", status: .active))
        let waits = target.clock.sleeps
        #expect(waits.count >= 3)
        #expect(waits[0] >= .milliseconds(250) && waits[0] <= .milliseconds(500))
        #expect(waits[2] >= .seconds(1) && waits[2] <= .seconds(2))
    }

    @Test func errorBodyKeepsIncidentAndCode() async throws {
        let target = try FakeTarget(.goto) { _, _ in
            json(400, #"{"incidentId":"INC-77","errors":[{"code":"user.name.conflict","value":"a@x.com"}]}"#)
        }
        let error = await #expect(throws: ProviderError.self) {
            try await target.client.update(
                ProviderAccount(id: "1", email: "a@x.com", status: .active),
                with: AccountFields(email: "a@x.com", lastName: "L")
            )
        }
        #expect(error?.providerCode == "user.name.conflict")
        #expect(error?.trackingID == "INC-77")
        #expect(
            error?.description
                == "goto users.update failed: invalidRequest (HTTP 400, provider code user.name.conflict, tracking id INC-77)"
                + "; the provider refused the values sent: check the mapping's fields and licences for this target"
        )
    }
}
