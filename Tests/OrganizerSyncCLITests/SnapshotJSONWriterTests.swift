import Foundation
import OrganizerSyncCore
import Testing

@testable import organizer_sync

/// `directory --format json` writes users and groups as bytes itself: its output must stay byte for byte what
/// `JSONEncoder` makes of the whole snapshot.
@Suite struct SnapshotJSONWriterTests {
    /// What the command wrote before it streamed: the encoder's pretty, sorted form of the whole snapshot.
    func encoded(_ snapshot: DirectorySnapshot) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(snapshot)) + Array("\n".utf8)
    }

    func written(_ snapshot: DirectorySnapshot) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var writer = SnapshotJSONWriter(output: { bytes += $0 })
        try writer.write(snapshot)
        return bytes
    }

    /// Strings the encoder escapes or leaves alone: quotes, backslashes, control characters, slashes,
    /// non-ASCII, U+2028, an emoji.
    static let awkward = [
        "plain", "with \"quotes\"", "back\\slash", "tab\tand\nnewline\r", "\u{0}\u{1}\u{1F}\u{7F}", "a/b",
        "Zoë Ørsted", "line\u{2028}separator", "🙂", "",
    ]

    @Test func usersAndGroupsComeOutAsTheEncoderWritesThem() throws {
        let table = AttributeTable(names: ["entryuuid", "uid", "mail", "cn", "sn", "x-2", "x-10", "jpegphoto"])
        var builder = DirectoryAttributes.Builder(table: table)
        var users: [DirectoryUser] = []
        for (index, text) in Self.awkward.enumerated() {
            builder.open(slot: 0)
            builder.append("anchor-\(index)")
            builder.open(slot: 3)
            builder.append(text)
            builder.append("second \(index)")
            if index % 2 == 0 {
                builder.open(slot: 5)
                builder.append(text)
                builder.open(slot: 6)
            }
            users.append(
                DirectoryUser(
                    anchor: "anchor-\(index)",
                    dn: "uid=\(text),ou=people,dc=example,dc=com",
                    username: index % 3 == 0 ? nil : text,
                    email: index % 4 == 0 ? nil : "\(index)@example.com",
                    isEnabled: index % 2 == 0,
                    attributes: builder.finish(),
                    groups: index % 2 == 0 ? [] : ["cn=g\(text),dc=example,dc=com", "cn=other"]
                )
            )
        }
        // A user without any attribute, and one whose attributes have a table of their own.
        users.append(
            DirectoryUser(anchor: "empty", dn: "", username: nil, email: nil, isEnabled: true, attributes: [:])
        )
        users.append(
            DirectoryUser(
                anchor: "own",
                dn: "cn=own",
                username: "own",
                email: nil,
                isEnabled: false,
                attributes: ["zeta": ["1"], "Alpha": ["2"], "b10": ["3"], "b9": [Self.awkward[3]]]
            )
        )
        let groups = [
            DirectoryGroup(
                dn: "cn=g1,dc=example,dc=com",
                name: "g \"one\"",
                anchor: nil,
                nestedGroups: [],
                members: ["anchor-1", "anchor-2"],
                unresolvedMemberCount: 3
            ),
            DirectoryGroup(
                dn: "cn=g2,dc=example,dc=com",
                name: "g2",
                anchor: "a\\2",
                nestedGroups: ["cn=g1,dc=example,dc=com"],
                members: [],
                unresolvedMemberCount: 0
            ),
        ]
        let snapshot = DirectorySnapshot(
            users: users,
            groups: groups,
            warnings: [.groupCycle(groups: ["g1", "g2"]), .duplicateAnchor("a")]
        )
        let expected = try encoded(snapshot)
        let actual = try written(snapshot)
        #expect(
            actual == expected,
            "\(String(decoding: actual, as: UTF8.self))\n---\n\(String(decoding: expected, as: UTF8.self))"
        )
    }

    @Test func anEmptySnapshotComesOutAsTheEncoderWritesIt() throws {
        let snapshot = DirectorySnapshot(users: [], groups: [], warnings: [])
        #expect(try written(snapshot) == encoded(snapshot))
    }

    @Test func manyUsersAreWrittenInChunksThatJoinUp() throws {
        var chunks = 0
        var bytes: [UInt8] = []
        let users = (0..<3000).map { index in
            DirectoryUser(
                anchor: String(format: "%06d", index),
                dn: "uid=u\(index),ou=people,dc=example,dc=com",
                username: "u\(index)",
                email: "u\(index)@example.com",
                isEnabled: true,
                attributes: ["cn": ["User \(index)"]]
            )
        }
        let snapshot = DirectorySnapshot(users: users, groups: [], warnings: [])
        var writer = SnapshotJSONWriter(output: {
            chunks += 1
            bytes += $0
        })
        try writer.write(snapshot)
        #expect(chunks > 1)
        #expect(bytes == (try encoded(snapshot)))
    }
}
