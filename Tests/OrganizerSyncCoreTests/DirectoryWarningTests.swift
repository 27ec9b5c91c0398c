import Foundation
import OrganizerSyncCore
import Testing

@Suite("DirectoryWarning: typed warnings, rendered in one place")
struct DirectoryWarningTests {
    @Test("Each case renders the wording admins, logs and plans have always seen")
    func texts() {
        #expect(
            DirectoryWarning.entryWithoutAnchor(dn: "uid=x,ou=people", anchorAttribute: "entryUUID").text
                == "entry uid=x,ou=people has no usable entryUUID; skipped"
        )
        #expect(DirectoryWarning.duplicateAnchor("abc").text == "more than one entry has the anchor abc")
        #expect(
            DirectoryWarning.groupCycle(groups: ["a", "b"]).text
                == "groups nest in a cycle (a, b); each has the members of all of them"
        )
        #expect(
            DirectoryWarning.unresolvedMembers(count: 2, groups: 1, examples: ["uid=a", "uid=b"]).text
                == "2 member value(s) in 1 group(s) match no user read and no group read "
                + "(outside the users' base or filter, or dangling): uid=a; uid=b"
        )
        #expect(
            DirectoryWarning.unresolvedMembers(count: 7, groups: 3, examples: ["uid=a"]).text.hasSuffix("uid=a; …")
        )
    }

    @Test("A snapshot encodes its warnings as their text (the directory --json output)")
    func encodedAsText() throws {
        let snapshot = DirectorySnapshot(users: [], groups: [], warnings: [.duplicateAnchor("abc")])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(snapshot), as: UTF8.self)
        #expect(json == #"{"groups":[],"users":[],"warnings":["more than one entry has the anchor abc"]}"#)
    }
}
