import Foundation
import OrganizerSyncCore

/// Writes a snapshot as the pretty JSON `JSONEncoder` would make of it (sorted keys, two-space indent), one
/// user and one group at a time, to standard output in 64 KiB chunks: the whole document is never held in
/// memory, and the first users are out before the last are encoded.
struct SnapshotJSONWriter {
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    private var buffer: [UInt8] = []
    /// Where the chunks go: standard output, or a test's collector.
    private let output: ([UInt8]) throws -> Void

    init(output: @escaping ([UInt8]) throws -> Void = { try FileHandle.standardOutput.write(contentsOf: $0) }) {
        buffer.reserveCapacity(1 << 17)
        self.output = output
    }

    /// Writes `snapshot` and a final newline.
    ///
    /// Throws when a value cannot be encoded or the output fails.
    mutating func write(_ snapshot: DirectorySnapshot) throws {
        // The keys in sorted order, as `.sortedKeys` gives them: groups, users, warnings.
        append("{\n")
        try writeArray("groups", snapshot.groups, last: false)
        try writeArray("users", snapshot.users, last: false)
        try writeArray("warnings", snapshot.warnings, last: true)
        append("}\n")
        try flush()
    }

    private mutating func writeArray<Element: Encodable>(_ key: String, _ elements: [Element], last: Bool) throws {
        append("  \"\(key)\" : ")
        if elements.isEmpty {
            // However the encoder writes an empty array, the same here.
            try appendIndented(encoder.encode(elements), indent: "  ")
        } else {
            append("[\n")
            for (index, element) in elements.enumerated() {
                append("    ")
                try appendIndented(encoder.encode(element), indent: "    ")
                append(index == elements.count - 1 ? "\n" : ",\n")
                if buffer.count >= 1 << 16 { try flush() }
            }
            append("  ]")
        }
        append(last ? "\n" : ",\n")
    }

    /// Appends encoded JSON with `indent` after every line break (the depth it is nested at).
    private mutating func appendIndented(_ data: Data, indent: String) {
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
        buffer += text.utf8
    }

    private mutating func flush() throws {
        try output(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
