import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// A user's mail renamed in the directory reaches the provider as an email change of the same account, end to
/// end: the built binary, a real slapd, the simulator over HTTP.
@Suite("Provider renames")
struct ProviderRenameTests {
    /// Replaces `uid`'s mail in the test's subtree.
    static func rename(_ world: ApplyFixture, _ uid: String, to mail: String) async throws {
        try await world.ldapModify(
            """
            dn: uid=\(uid),ou=people,\(world.base)
            changetype: modify
            replace: mail
            mail: \(mail)
            """
        )
    }

    @Test("Zoom: a renamed mail is one PUT /users/{id}/email; same account, new email, no second account")
    func zoomEmailChange() async throws {
        // alice has an active Zoom account (a renamed pending invitation is planned as withdraw and invite
        // again, since Zoom lists pending users without an id; the simulator's tests cover its email change).
        let seed = SimulatorSeed.demo.placing(TestPerson.standard("alice"), on: .zoom, slot: 1)
        try await ApplyFixture.with(targets: [.standard(.zoom)], seed: seed) { world in
            let first = try await world.plan("first.json")
            try #require(first.result.status == 2, "\(first.result)")
            #expect(ApplyCommandTests.actions(first.plan) == ["create bob@example.com"])
            let created = try await world.run(["apply", first.file])
            try #require(created.status == 0, "\(created)")
            let alice = try #require(await world.account(.zoom, "alice@example.com"))
            let before = await world.accounts(.zoom).count

            try await Self.rename(world, "alice", to: "alice.new@example.com")
            let renamed = try await world.plan("renamed.json")
            try #require(renamed.result.status == 2, "\(renamed.result)")
            #expect(ApplyCommandTests.actions(renamed.plan) == ["update alice@example.com"])
            #expect(renamed.result.stdout.contains("alice.new@example.com"), "\(renamed.result.stdout)")
            let apply = try await world.run(["apply", renamed.file])
            #expect(apply.status == 0, "\(apply)")

            let emailChanges = await world.writeRequests().filter { $0.method == "PUT" && $0.path.hasSuffix("/email") }
            #expect(emailChanges.map(\.status) == [204], "\(emailChanges)")
            let newAlice = await world.account(.zoom, "alice.new@example.com")
            #expect(newAlice?.id == alice.id)
            #expect(newAlice?.status == .active)
            #expect(await world.account(.zoom, "alice@example.com") == nil)
            #expect(await world.accounts(.zoom).count == before, "no second account")

            let again = try await world.run(["plan"])
            #expect(again.status == 0, "\(again)")
        }
    }

    @Test("Webex: a Calling user's extension, location, work number and attendee sites survive a name change")
    func webexCallingDataSurvivesRename() async throws {
        let location = "Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OL3NpbXVsYXRvcg"
        var seed = SimulatorSeed.demo.placing(TestPerson.standard("alice"), on: .webex, slot: 1, lastName: "Old")
        seed.webex.accounts[1].callingExtension = "4711"
        seed.webex.accounts[1].locationId = location
        seed.webex.accounts[1].workPhone = "+49 30 1234567"
        seed.webex.accounts[1].siteUrls = ["example.webex.com", "training.webex.com#attendee"]
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: seed) { world in
            let plan = try await world.plan()
            try #require(plan.result.status == 2, "\(plan.result)")
            #expect(ApplyCommandTests.actions(plan.plan).contains("update alice@example.com"))
            let apply = try await world.run(["apply", plan.file])
            #expect(apply.status == 0, "\(apply)")
            let alice = try #require(await world.account(.webex, "alice@example.com"))
            #expect(alice.lastName == "Archer")
            #expect(alice.callingExtension == "4711")
            #expect(alice.locationId == location)
            #expect(alice.workPhone == "+49 30 1234567")
            #expect(alice.siteUrls == ["example.webex.com", "training.webex.com#attendee"])
        }
    }
}
