/// The attribute values of one directory user, stored densely.
///
/// The names live once per read in a shared ``AttributeTable``; a user keeps one flat array of values
/// in the table's slot order and a packed count per slot, instead of a dictionary of one-element arrays
/// (which cost about 2 KB per user). Values are looked up by lower-cased name and come back as slices
/// of the flat array, without copying. Two values are equal when they hold the same names with the same
/// values, whatever their tables.
public struct DirectoryAttributes: Sendable {
    /// The names, shared by every user of a read.
    public let table: AttributeTable
    /// Every present attribute's values, slot after slot.
    let values: [String]
    /// How many values each slot has.
    let layout: Layout

    /// Per slot, whether the attribute is present and how many values it has.
    enum Layout: Sendable, Hashable {
        /// Tables of at most 16 slots whose attributes have at most 14 values each (nearly every user): four
        /// bits per slot, holding the value count plus one (0: the attribute is absent).
        case packed(UInt64)
        /// Any other: the value count per slot, -1 when the attribute is absent.
        case wide([Int32])

        /// The count of each slot, -1 when absent; picks the packed form whenever it fits.
        init(counts: ArraySlice<Int32>) {
            if counts.count <= 16, counts.allSatisfy({ $0 <= 14 }) {
                var bits: UInt64 = 0
                for (slot, count) in counts.enumerated() { bits |= UInt64(count + 1) << (4 * UInt64(slot)) }
                self = .packed(bits)
            } else {
                self = .wide(Array(counts))
            }
        }

        /// The range of `slot`'s values in the flat array, or `nil` when the attribute is absent.
        func range(of slot: Int) -> Range<Int>? {
            switch self {
            case .packed(var bits):
                guard slot < 16 else { return nil }
                var start = 0
                for _ in 0..<slot {
                    let nibble = Int(bits & 0xF)
                    if nibble > 0 { start += nibble - 1 }
                    bits >>= 4
                }
                let nibble = Int(bits & 0xF)
                return nibble == 0 ? nil : start..<(start + nibble - 1)
            case .wide(let counts):
                guard slot < counts.count, counts[slot] >= 0 else { return nil }
                var start = 0
                for earlier in counts[..<slot] where earlier > 0 { start += Int(earlier) }
                return start..<(start + Int(counts[slot]))
            }
        }
    }

    init(table: AttributeTable, values: [String], layout: Layout) {
        self.table = table
        self.values = values
        self.layout = layout
    }

    /// The attributes of `dictionary` (lower-cased names), with a table of their own.
    public init(_ dictionary: [String: [String]]) {
        let table = AttributeTable(names: dictionary.keys.sorted())
        var builder = Builder(table: table)
        for (slot, name) in table.names.enumerated() {
            builder.open(slot: slot)
            for value in dictionary[name] ?? [] { builder.append(value) }
        }
        self = builder.finish()
    }

    /// The values of the attribute with the lower-cased `name`, or `nil` when the user has no such attribute.
    public subscript(name: String) -> ArraySlice<String>? {
        guard let slot = table.slot(of: name) else { return nil }
        return self[slot: slot]
    }

    /// The values of the attribute in `slot` of the ``table``, or `nil` when the user has no such attribute.
    public subscript(slot slot: Int) -> ArraySlice<String>? {
        layout.range(of: slot).map { values[$0] }
    }

    /// The present attributes' names and values, as a dictionary (for tests and diagnostics).
    public var dictionary: [String: [String]] {
        var result: [String: [String]] = [:]
        for (name, values) in self { result[name] = Array(values) }
        return result
    }
}

extension DirectoryAttributes: Sequence {
    /// The present attributes in slot order, each with its values.
    public struct Iterator: IteratorProtocol {
        let attributes: DirectoryAttributes
        var slot = 0

        public mutating func next() -> (name: String, values: ArraySlice<String>)? {
            let names = attributes.table.names
            while slot < names.count {
                defer { slot += 1 }
                if let values = attributes[slot: slot] { return (names[slot], values) }
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(attributes: self)
    }
}

extension DirectoryAttributes: Hashable {
    public static func == (left: DirectoryAttributes, right: DirectoryAttributes) -> Bool {
        // The layout is canonical for a table, so with one table the stored forms are equal exactly when the
        // contents are.
        if left.table === right.table { return left.layout == right.layout && left.values == right.values }
        return left.dictionary == right.dictionary
    }

    /// Hashes the contents independently of the table and of the order of the names, like `==`.
    public func hash(into hasher: inout Hasher) {
        var sum: UInt = 0
        var count = 0
        for (name, values) in self {
            var attribute = Hasher()
            attribute.combine(name)
            attribute.combine(values.count)
            for value in values { attribute.combine(value) }
            sum &+= UInt(bitPattern: attribute.finalize())
            count += 1
        }
        hasher.combine(count)
        hasher.combine(sum)
    }
}

extension DirectoryAttributes: Codable {
    /// An attribute name as a coding key.
    struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(stringValue: String) {
            self.stringValue = stringValue
        }

        init?(intValue: Int) {
            nil
        }
    }

    /// Encodes an object of name to values, as `[String: [String]]` encodes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        for (name, values) in self {
            // What `[String].encode(to:)` does, without copying the slice into an array.
            var list = container.nestedUnkeyedContainer(forKey: Name(stringValue: name))
            for value in values { try list.encode(value) }
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(try [String: [String]](from: decoder))
    }
}
