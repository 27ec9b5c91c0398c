import Foundation
import Testing

@testable import OrganizerSyncCore

@Suite("A user's attributes, stored densely")
struct DirectoryAttributesTests {
    /// Attributes built as the reader builds them: one shared table, values opened in the server's order.
    private func built(
        _ table: AttributeTable,
        _ openings: [(name: String, values: [String])]
    ) -> DirectoryAttributes {
        var builder = DirectoryAttributes.Builder(table: table)
        for (name, values) in openings {
            if let slot = table.slot(of: name) { builder.open(slot: slot) } else { builder.openExtra(name: name) }
            for value in values { builder.append(value) }
        }
        return builder.finish()
    }

    @Test("Values come back by name in any arrival order; absent and empty attributes differ")
    func lookUp() {
        let table = AttributeTable(names: ["entryuuid", "uid", "mail", "cn", "title"])
        let attributes = built(
            table,
            [("cn", ["Ann Lee"]), ("mail", ["a@x", "b@x"]), ("title", []), ("uid", ["ann"])]
        )
        #expect(attributes["mail"].map(Array.init) == ["a@x", "b@x"])
        #expect(attributes["cn"].map(Array.init) == ["Ann Lee"])
        #expect(attributes["uid"]?.first == "ann")
        #expect(attributes["title"].map(Array.init) == [])
        #expect(attributes["entryuuid"] == nil)
        #expect(attributes["unknown"] == nil)
        #expect(attributes.dictionary == ["cn": ["Ann Lee"], "mail": ["a@x", "b@x"], "title": [], "uid": ["ann"]])
        #expect(attributes.map(\.name) == ["uid", "mail", "cn", "title"])
    }

    @Test("The builder is empty again after each user, and a name opened twice keeps its last values")
    func reuse() {
        let table = AttributeTable(names: ["uid", "cn"])
        var builder = DirectoryAttributes.Builder(table: table)
        builder.open(slot: 1)
        builder.append("first")
        builder.open(slot: 1)
        builder.append("second")
        #expect(builder.finish().dictionary == ["cn": ["second"]])
        builder.open(slot: 0)
        builder.append("bob")
        #expect(builder.finish().dictionary == ["uid": ["bob"]])
    }

    @Test("Many values, many slots and names outside the table take the wide layout and still read back")
    func wide() {
        let many = (0..<40).map { "value \($0)" }
        let table = AttributeTable(names: (0..<20).map { "a\($0)" })
        let attributes = built(table, [("a19", ["last"]), ("a0", many), ("extra", ["x"]), ("a3", [])])
        #expect(attributes["a0"].map(Array.init) == many)
        #expect(attributes["a19"].map(Array.init) == ["last"])
        #expect(attributes["a3"].map(Array.init) == [])
        #expect(attributes["extra"].map(Array.init) == ["x"])
        #expect(attributes["a1"] == nil)
        let small = AttributeTable(names: ["uid"])
        let fifteen = built(small, [("uid", Array(many.prefix(15)))])
        #expect(fifteen["uid"].map(Array.init) == Array(many.prefix(15)))
        #expect(built(small, [("other", ["o"])]).dictionary == ["other": ["o"]])
    }

    @Test("Equal contents are equal and hash alike, whatever the table and the order")
    func equality() {
        let shared = AttributeTable(names: ["uid", "mail", "cn"])
        let fromReader = built(shared, [("mail", ["m"]), ("uid", ["u"])])
        let fromDictionary = DirectoryAttributes(["uid": ["u"], "mail": ["m"]])
        #expect(fromReader == fromDictionary)
        #expect(fromReader.hashValue == fromDictionary.hashValue)
        #expect(fromReader == built(shared, [("uid", ["u"]), ("mail", ["m"])]))
        #expect(fromReader != built(shared, [("uid", ["u"]), ("mail", ["m"]), ("cn", [])]))
        #expect(fromReader != DirectoryAttributes(["uid": ["u"], "mail": ["M"]]))
        #expect(fromReader != DirectoryAttributes(["uid": ["u"]]))
    }

    @Test("JSON is the same as the dictionary's, and decodes back")
    func coding() throws {
        let dictionary = ["uid": ["u"], "mail": ["m1", "m2"], "title": [], "cn": ["Zoë"]]
        let table = AttributeTable(names: ["uid", "mail", "title", "cn"])
        let attributes = built(table, dictionary.map { ($0.key, $0.value) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(try encoder.encode(attributes) == encoder.encode(dictionary))
        #expect(try JSONDecoder().decode(DirectoryAttributes.self, from: encoder.encode(attributes)) == attributes)
    }
}
