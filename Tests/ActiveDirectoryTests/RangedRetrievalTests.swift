import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

@testable import LDAPDirectory

/// A server that enforces MaxValRange, as Windows does and Samba does not: recorded-style responses
/// built from a member list, truncated at `maxValRange` values per answer.
struct TruncatingServer {
    let dn = "CN=Huge,OU=Groups,DC=example,DC=test"
    let members: [String]
    let maxValRange: Int
    /// The attribute descriptions asked for, in order.
    var requests: [String] = []

    /// The answer to a search asking for `description` (`member`, `member;range=L-H`, `member;range=L-*`).
    mutating func answer(_ description: String) -> [LDAPEntry] {
        requests.append(description)
        var low = 0
        var high = Int.max
        if let ranged = RangedAttribute(description: description) {
            low = ranged.low
            high = ranged.high ?? Int.max
        } else if members.count <= maxValRange {
            return [LDAPEntry(dn: dn, attributes: ["cn": ["Huge"], "member": members])]
        }
        guard low < members.count else { return [LDAPEntry(dn: dn, attributes: ["cn": ["Huge"]])] }
        let last = min(high, low + maxValRange - 1, members.count - 1)
        let tag = last == members.count - 1 ? "\(low)-*" : "\(low)-\(last)"
        return [LDAPEntry(dn: dn, attributes: ["cn": ["Huge"], "member;range=\(tag)": Array(members[low...last])])]
    }
}

@Suite("Ranged member retrieval against a server that truncates (recorded-style responses)")
struct RangedRetrievalTests {
    /// Runs the group search's first answer through the collector, then the follow-up loop.
    func readGroup(server: inout TruncatingServer, firstRequest: String) throws -> RawGroup {
        let schema = DirectorySchema.activeDirectoryTest(memberAttribute: firstRequest)
        let first = try #require(server.answer(firstRequest).first)
        let collected = GroupEntryCollector(schema: schema).collect(first)
        var group = collected.group
        if let next = collected.pendingRanges.first {
            try RangeCompletion(schema: schema).complete(&group, firstRequest: next) { server.answer($0) }
        }
        return group
    }

    let members = (0..<3500).map { "CN=user\($0),OU=Bulk,DC=example,DC=test" }

    @Test("Windows' default MaxValRange (1,500): plain member comes back as 0-1499, then 1500-2999, then 3000-*")
    func windowsDefault() throws {
        var server = TruncatingServer(members: members, maxValRange: 1500)
        let group = try readGroup(server: &server, firstRequest: "member")
        #expect(group.memberDNs == members)
        #expect(server.requests == ["member", "member;range=1500-*", "member;range=3000-*"])
    }

    @Test("A server that truncates below what was asked (MaxValRange 1,000 against member;range=0-1499)")
    func truncatesBelowRequest() throws {
        var server = TruncatingServer(members: members, maxValRange: 1000)
        let group = try readGroup(server: &server, firstRequest: "member;range=0-1499")
        #expect(group.memberDNs == members)
        #expect(
            server.requests == [
                "member;range=0-1499", "member;range=1000-*", "member;range=2000-*", "member;range=3000-*",
            ]
        )
    }

    @Test("A member count that is an exact multiple of the range size ends with the range tagged *")
    func exactMultiple() throws {
        let members = Array(self.members.prefix(3000))
        var server = TruncatingServer(members: members, maxValRange: 1500)
        let group = try readGroup(server: &server, firstRequest: "member;range=0-1499")
        #expect(group.memberDNs == members)
        #expect(server.requests == ["member;range=0-1499", "member;range=1500-*"])
    }

    @Test(
        "A small group answered as member;range=0-* needs no follow-up; the configured range option is ignored for matching"
    )
    func smallGroup() throws {
        var server = TruncatingServer(members: Array(members.prefix(3)), maxValRange: 1500)
        let group = try readGroup(server: &server, firstRequest: "member;range=0-1499")
        #expect(group.memberDNs == Array(members.prefix(3)))
        #expect(server.requests == ["member;range=0-1499"])
    }

    @Test("A server without MaxValRange (Samba) answering plain member with every value needs no follow-up")
    func unlimited() throws {
        var server = TruncatingServer(members: members, maxValRange: .max)
        let group = try readGroup(server: &server, firstRequest: "member")
        #expect(group.memberDNs.count == 3500)
        #expect(server.requests == ["member"])
    }

    @Test("A follow-up answered without the range asked for (the group shrank or vanished mid-read) is an error")
    func groupChangedDuringTheRead() throws {
        var server = TruncatingServer(members: members, maxValRange: 1500)
        let schema = DirectorySchema.activeDirectoryTest()
        let first = try #require(server.answer("member").first)
        let collected = GroupEntryCollector(schema: schema).collect(first)
        var group = collected.group
        let next = try #require(collected.pendingRanges.first)
        #expect(throws: LDAPError.self) {
            try RangeCompletion(schema: schema).complete(&group, firstRequest: next) { _ in
                [LDAPEntry(dn: server.dn, attributes: ["cn": ["Huge"]])]
            }
        }
    }
}
