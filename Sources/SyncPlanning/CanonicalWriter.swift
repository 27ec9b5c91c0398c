import OrganizerSyncCore

/// Writes JSON by hand, in the two forms this package uses: Foundation's `JSONEncoder` costs several
/// microseconds per account, which for 100,000 accounts is most of a plan's time.
///
/// Canonical (the default) is the same bytes as ``CanonicalJSON/encode(_:)`` for these types: keys sorted by
/// their UTF-8 bytes (the caller writes members in that order), `nil` members left out, no white space, `"`,
/// `\` and control characters escaped, everything else (slashes, non-ASCII) written as is, a double as its
/// shortest round-trip text without a trailing `.0`, non-finite doubles as the strings `+Infinity`,
/// `-Infinity` and `NaN`.
///
/// Pretty is the same bytes as `JSONEncoder` with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`:
/// two spaces per level, `"key" : value`, and an empty array or object written as its brackets around an
/// empty line (`[\n\n  ]`), as swift-foundation does. `JSONEncoder` refuses non-finite doubles there, so the
/// writer records them in ``hasNonFiniteNumber`` for the caller to refuse too.
struct CanonicalWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether any non-finite double was written (pretty output must then be refused, as `JSONEncoder` does).
    private(set) var hasNonFiniteNumber = false
    private let pretty: Bool
    private var depth = 0
    /// Whether the innermost open array or object has no element yet.
    private var isEmpty = true
    /// Where the bytes go as they are written, when they are streamed (see ``init(pretty:streamingTo:)``).
    private let sink: ((UnsafeRawBufferPointer) -> Void)?
    /// How many bytes a streaming writer holds before it hands them to its sink.
    private static let streamChunk = 1 << 16

    init(pretty: Bool = false, capacity: Int = 256) {
        self.pretty = pretty
        sink = nil
        bytes.reserveCapacity(capacity)
    }

    /// A writer that hands what it wrote to `sink` in chunks of about 64 KiB, between two elements or members,
    /// instead of keeping it: a plan of a million users is hashed or saved without one buffer of all of it.
    ///
    /// ``bytes`` holds only what was not handed over yet; call ``flush()`` after the last value.
    init(pretty: Bool = false, streamingTo sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.pretty = pretty
        self.sink = sink
        bytes.reserveCapacity(Self.streamChunk * 2)
    }

    /// Hands what was written and not yet handed over to the sink (nothing without one).
    mutating func flush() {
        guard let sink else { return }
        bytes.withUnsafeBytes(sink)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Empties the writer for the next value, keeping its buffer.
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        hasNonFiniteNumber = false
        depth = 0
        isEmpty = true
    }

    // MARK: structure

    mutating func beginObject() { open(UInt8(ascii: "{")) }

    mutating func endObject() { close(UInt8(ascii: "}")) }

    mutating func beginArray() { open(UInt8(ascii: "[")) }

    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        depth += 1
        isEmpty = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if pretty {
            bytes.append(0x0A)
            if isEmpty { bytes.append(0x0A) }
            indent()
        }
        bytes.append(bracket)
        isEmpty = false
    }

    /// What goes before an element of the open array or object: a comma after the first, and in pretty form
    /// a new line and the indentation.
    ///
    /// Nothing before a top-level value.
    private mutating func separate() {
        if sink != nil && bytes.count >= Self.streamChunk { flush() }
        guard depth > 0 else { return }
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        isEmpty = false
        if pretty {
            bytes.append(0x0A)
            indent()
        }
    }

    private mutating func indent() {
        for _ in 0..<depth {
            bytes.append(0x20)
            bytes.append(0x20)
        }
    }

    /// Starts a member of the open object: its key and the colon.
    ///
    /// The value is written next.
    mutating func key(_ name: String) {
        separate()
        string(name)
        if pretty {
            bytes.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
    }

    // MARK: values (an array element, or a member's value after ``key(_:)``)

    mutating func element(_ value: String) {
        separate()
        string(value)
    }

    // MARK: members

    mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func member(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func member(_ name: String, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func member(_ name: String, _ value: Int?) {
        guard let value else { return }
        member(name, value)
    }

    mutating func member(_ name: String, _ value: Double?) {
        guard let value else { return }
        key(name)
        guard value.isFinite else {
            hasNonFiniteNumber = true
            string(value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "+Infinity")
            return
        }
        // swift-foundation writes `description` without a trailing ".0" (1800000000, 0.5, 1e+20, -0).
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    mutating func member(_ name: String, _ values: [String]?) {
        guard let values else { return }
        key(name)
        beginArray()
        for value in values { element(value) }
        endArray()
    }

    mutating func member(_ name: String, _ dictionary: [String: String]) {
        key(name)
        beginObject()
        if dictionary.count == 1, let entry = dictionary.first {
            member(entry.key, entry.value)
        } else if dictionary.count == 2 {
            // Two fields are common (Webex department and type): order them without sorting a copy.
            let first = dictionary.startIndex
            let second = dictionary.index(after: first)
            let (a, b) = (dictionary[first], dictionary[second])
            let isInOrder = a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
            member(isInOrder ? a.key : b.key, isInOrder ? a.value : b.value)
            member(isInOrder ? b.key : a.key, isInOrder ? b.value : a.value)
        } else if dictionary.count > 2 {
            for entry in dictionary.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                member(entry.key, entry.value)
            }
        }
        endObject()
    }

    mutating func member(_ name: String, object: (inout CanonicalWriter) -> Void) {
        key(name)
        beginObject()
        object(&self)
        endObject()
    }

    /// A member whose value is an array of objects, each written by `write`.
    mutating func member<Element>(
        _ name: String,
        objects: [Element],
        _ write: (inout CanonicalWriter, Element) -> Void
    ) {
        key(name)
        beginArray()
        for element in objects {
            separate()
            beginObject()
            write(&self, element)
            endObject()
        }
        endArray()
    }

    // MARK: strings

    private mutating func string(_ value: String) {
        JSONString.append(value, to: &bytes)
    }
}
