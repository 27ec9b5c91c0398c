import Foundation
import OrganizerSyncCore

/// Writes a snapshot as the pretty JSON `JSONEncoder` would make of it (sorted keys, two-space indent), one
/// user and one group at a time, to standard output in 64 KiB chunks: the whole document is never held in
/// memory, and the first users are out before the last are encoded.
///
/// Users and groups are written as bytes straight into one reused buffer (an encoder per user cost more
/// than the directory read itself); what the encoder would write in the rare cases (an empty array or
/// object, a string that needs escaping, the sort order of attribute names) is asked of the encoder
/// itself, so the output stays byte for byte the encoder's. The warnings go through the encoder.
struct SnapshotJSONWriter {
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    private var buffer: [UInt8] = []
    /// Where the chunks go: standard output, or a test's collector.
    private let output: ([UInt8]) throws -> Void
    /// The encoder's empty array and empty object, unindented.
    private let emptyArray: [UInt8]
    private let emptyObject: [UInt8]
    /// The last attribute table seen and its slots in the encoder's key order (every user of a read shares
    /// one table).
    private var sortedTable: (table: AttributeTable, slots: [Int])?

    init(output: @escaping ([UInt8]) throws -> Void = { try FileHandle.standardOutput.write(contentsOf: $0) }) {
        buffer.reserveCapacity(1 << 17)
        self.output = output
        emptyArray = (try? Array(encoder.encode([String]()))) ?? Array("[]".utf8)
        emptyObject = (try? Array(encoder.encode([String: String]()))) ?? Array("{}".utf8)
    }

    /// Writes `snapshot` and a final newline.
    ///
    /// Throws when a value cannot be encoded or the output fails.
    mutating func write(_ snapshot: DirectorySnapshot) throws {
        // The keys in sorted order, as `.sortedKeys` gives them: groups, users, warnings.
        append("{\n")
        try writeArray("groups", snapshot.groups, last: false) { writer, group in try writer.writeGroup(group) }
        try writeArray("users", snapshot.users, last: false) { writer, user in try writer.writeUser(user) }
        try writeArray("warnings", snapshot.warnings, last: true) { writer, warning in
            try writer.appendIndented(writer.encoder.encode(warning), indent: "    ")
        }
        append("}\n")
        try flush()
    }

    private mutating func writeArray<Element>(
        _ key: String,
        _ elements: [Element],
        last: Bool,
        element write: (inout SnapshotJSONWriter, Element) throws -> Void
    ) throws {
        append("  \"\(key)\" : ")
        if elements.isEmpty {
            appendIndented(emptyArray, indent: "  ")
        } else {
            append("[\n")
            for index in elements.indices {
                append("    ")
                try write(&self, elements[index])
                append(index == elements.count - 1 ? "\n" : ",\n")
                if buffer.count >= 1 << 16 { try flush() }
            }
            append("  ]")
        }
        append(last ? "\n" : ",\n")
    }

    /// A ``DirectoryUser`` as the encoder writes it at depth 2 (keys sorted, `nil` fields left out).
    private mutating func writeUser(_ user: DirectoryUser) throws {
        append("{\n      \"anchor\" : ")
        try appendString(user.anchor)
        append(",\n      \"attributes\" : ")
        try writeAttributes(user.attributes)
        append(",\n      \"dn\" : ")
        try appendString(user.dn)
        if let email = user.email {
            append(",\n      \"email\" : ")
            try appendString(email)
        }
        append(",\n      \"groups\" : ")
        try writeStrings(user.groups, indent: "      ")
        append(user.isEnabled ? ",\n      \"isEnabled\" : true" : ",\n      \"isEnabled\" : false")
        if let username = user.username {
            append(",\n      \"username\" : ")
            try appendString(username)
        }
        append("\n    }")
    }

    /// A ``DirectoryGroup`` as the encoder writes it at depth 2.
    private mutating func writeGroup(_ group: DirectoryGroup) throws {
        append("{\n")
        if let anchor = group.anchor {
            append("      \"anchor\" : ")
            try appendString(anchor)
            append(",\n")
        }
        append("      \"dn\" : ")
        try appendString(group.dn)
        append(",\n      \"members\" : ")
        try writeStrings(group.members, indent: "      ")
        append(",\n      \"name\" : ")
        try appendString(group.name)
        append(",\n      \"nestedGroups\" : ")
        try writeStrings(group.nestedGroups, indent: "      ")
        append(",\n      \"unresolvedMemberCount\" : \(group.unresolvedMemberCount)\n    }")
    }

    /// A user's attributes at depth 3: an object of name to values, names in the encoder's order.
    private mutating func writeAttributes(_ attributes: DirectoryAttributes) throws {
        let slots = try sortedSlots(of: attributes.table)
        let names = attributes.table.names
        var first = true
        for slot in slots {
            guard let values = attributes[slot: slot] else { continue }
            append(first ? "{\n        " : ",\n        ")
            first = false
            try appendString(names[slot])
            append(" : ")
            try writeStrings(values, indent: "        ")
        }
        if first {
            appendIndented(emptyObject, indent: "      ")
        } else {
            append("\n      }")
        }
    }

    /// An array of strings whose opening bracket is at `indent`.
    private mutating func writeStrings<Values: Collection<String>>(_ values: Values, indent: String) throws {
        guard !values.isEmpty else {
            appendIndented(emptyArray, indent: indent)
            return
        }
        append("[\n" + indent + "  ")
        let separator = ",\n" + indent + "  "
        var first = true
        for value in values {
            if !first { append(separator) }
            first = false
            try appendString(value)
        }
        append("\n" + indent + "]")
    }

    /// A JSON string literal: the bytes as they are when nothing needs escaping (the encoder leaves
    /// non-ASCII and `/` as they are), otherwise the encoder's own escaping.
    private mutating func appendString(_ value: String) throws {
        var value = value
        let plain = value.withUTF8 { bytes in
            !bytes.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        }
        if plain {
            buffer.append(UInt8(ascii: "\""))
            value.withUTF8 { buffer.append(contentsOf: $0) }
            buffer.append(UInt8(ascii: "\""))
            return
        }
        // The encoder writes a one-string array as `[`, newline, indent, the literal, newline, `]`.
        let encoded = Array(try encoder.encode([value]))
        guard let open = encoded.firstIndex(of: UInt8(ascii: "\"")),
            let close = encoded.lastIndex(of: UInt8(ascii: "\""))
        else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "no string literal"))
        }
        buffer.append(contentsOf: encoded[open...close])
    }

    /// The table's slots in the order `.sortedKeys` puts their names, from the encoder itself (cached for the
    /// last table).
    private mutating func sortedSlots(of table: AttributeTable) throws -> [Int] {
        if let sortedTable, sortedTable.table === table { return sortedTable.slots }
        let slotOfName = Dictionary(table.names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        // Each line of the encoded object is `"name" : slot`: the numbers come out in the encoder's key order.
        let encoded = try encoder.encode(slotOfName)
        var slots: [Int] = []
        for line in encoded.split(separator: UInt8(ascii: "\n")) {
            guard let colon = line.lastIndex(of: UInt8(ascii: ":")) else { continue }
            let digits = line[colon...].filter { (48...57).contains($0) }
            if let slot = Int(String(decoding: digits, as: UTF8.self)) { slots.append(slot) }
        }
        guard slots.count == table.names.count else {
            throw EncodingError.invalidValue(
                table.names,
                .init(codingPath: [], debugDescription: "attribute names not recognised in the encoder's output")
            )
        }
        sortedTable = (table, slots)
        return slots
    }

    /// Appends encoded JSON with `indent` after every line break (the depth it is nested at).
    private mutating func appendIndented<Bytes: Sequence<UInt8>>(_ data: Bytes, indent: String) {
        let indent = Array(indent.utf8)
        var previous: UInt8 = 0
        for byte in data {
            // An empty line (the encoder's empty array) stays empty, as in the encoder's own nesting.
            if previous == UInt8(ascii: "\n") && byte != UInt8(ascii: "\n") { buffer += indent }
            buffer.append(byte)
            previous = byte
        }
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    private mutating func flush() throws {
        try output(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
