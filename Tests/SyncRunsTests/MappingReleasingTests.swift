import AccountMapping
import Foundation
import MappingFiles
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncRuns
import Testing

/// `plan` maps the last target a slice of users at a time and releases each slice's attributes: the result must
/// be the single call's.
@Suite struct MappingReleasingTests {
    static func groupDN(_ name: String) -> String { "cn=\(name),ou=groups,dc=example,dc=com" }

    /// Seven users: in and out of the scope group, disabled, one without mail (a problem), one with two.
    static func snapshot() -> DirectorySnapshot {
        let users = (0..<7).map { number in
            var attributes: [String: [String]] = ["cn": ["User \(number)"], "sn": ["Number\(number)"]]
            if number != 3 { attributes["mail"] = ["user\(number)@example.com"] }
            if number == 5 { attributes["mail"]?.append("second\(number)@example.com") }
            return DirectoryUser(
                anchor: "anchor-\(number)",
                dn: "uid=user\(number),ou=people,dc=example,dc=com",
                username: "user\(number)",
                email: attributes["mail"]?.first,
                isEnabled: number != 6,
                attributes: attributes,
                groups: number == 2 ? [] : [groupDN("hosts")]
            )
        }
        let hosts = DirectoryGroup(
            dn: groupDN("hosts"),
            name: "hosts",
            anchor: nil,
            nestedGroups: [],
            members: [],
            unresolvedMemberCount: 0
        )
        return DirectorySnapshot(users: users, groups: [hosts], warnings: [])
    }

    @Test("Mapped by slices, then stripped: the same accounts, problems and out-of-scope count as one call")
    func slicesMapAsOneCall() throws {
        let folder = try TemporaryDirectory(prefix: "mapping")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("target.yaml").path
        // `missing` is a group the directory lacks: one problem, however many slices.
        try "preset: zoom\nscope:\n  groups: [hosts, missing]\n  include_disabled: true\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let mappings = SlapdServer.repositoryRoot().appendingPathComponent("Mappings").path
        let mapper = AccountMapper(mapping: try MappingLoader(mappingsFolders: [mappings]).load(file: file))
        let whole = mapper.map(Self.snapshot())
        #expect(whole.problems.contains { $0.code == .unknownGroup })
        #expect(whole.problems.contains { $0.code == .missingEmail })
        #expect(whole.outOfScopeCount == 1)
        for sliceSize in [1, 2, 3, 7, 100] {
            var snapshot = Self.snapshot()
            let sliced = mapper.mapReleasing(&snapshot, sliceSize: sliceSize)
            #expect(sliced.accounts == whole.accounts, "slices of \(sliceSize)")
            #expect(sliced.problems == whole.problems, "slices of \(sliceSize)")
            #expect(sliced.outOfScopeCount == whole.outOfScopeCount, "slices of \(sliceSize)")
            #expect(snapshot.users.map(\.anchor) == Self.snapshot().users.map(\.anchor))
            #expect(snapshot.users.allSatisfy { $0.attributes.dictionary.isEmpty })
        }
        var empty = DirectorySnapshot(users: [], groups: [], warnings: [])
        #expect(mapper.mapReleasing(&empty, sliceSize: 2).accounts.isEmpty)
    }
}
