#if canImport(Glibc)
import Glibc
#endif

/// The group index's member look-up: every distinct member key (a normalized DN, or a `memberUid` key) numbered
/// in the order it was first inserted, with the member value as the server first sent it.
///
/// Hand-written rather than a `[String: Int]` because it is the read's hottest look-up: at 100,000 users about
/// 300,000 probes into 100,000 keys of nearly equal length. A dictionary of strings misses the cache on its
/// bucket, on the key's string object and on the key's bytes, and hashes each key twice. Here a probe reads one
/// 16-byte slot (the key's full hash, where its bytes start, its number), and only a slot whose hash matches is
/// compared byte for byte, against one arena that holds every key. The hash is swift's `Hasher` (SipHash, seeded
/// per process), so member values chosen to collide cannot be crafted without the seed; equality is always
/// decided on the bytes.
struct MemberKeyTable: Sendable {
    /// One place of the open-addressing table (linear probing); `number` is -1 when the place is empty.
    private struct Slot: Sendable {
        var hash: UInt64
        /// Where the key's record starts in ``arena``.
        var start: UInt32
        var number: Int32

        static let empty = Slot(hash: 0, start: 0, number: -1)
    }

    /// Kept at most half full; a power of two.
    private var slots: [Slot]
    /// Each key's record: the key's length and the text's (4 bytes each, little-endian; the text's is stored plus
    /// one, and 0 when the text is the key itself), the key's bytes, then the text's.
    private var arena: [UInt8] = []
    /// Where each number's record starts in ``arena``.
    private var starts: [UInt32] = []

    /// How many keys the table holds.
    var count: Int { starts.count }

    /// An empty table with room for `capacity` keys before it grows.
    init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: .empty, count: size)
    }

    /// The hash a look-up or insertion of `key` takes: compute it once per key and use it in every table.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(key))
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }

    /// The number of `key` (whose ``hash(_:)`` is `hash`), or `nil` when the table does not hold it.
    func number(of key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let found = place(of: key, hash: hash)
        return found.number >= 0 ? Int(found.number) : nil
    }

    /// The number of `key`, inserting it with the next number when the table does not hold it yet; `text` is
    /// the member value as the server sent it, kept when it differs from the key (see ``text(of:)``).
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, text: String) -> Int {
        let found = place(of: key, hash: hash)
        if found.number >= 0 { return Int(found.number) }
        // No read holds 4 GiB of distinct member values: the strings behind them would have exhausted memory first.
        precondition(arena.count < Int(UInt32.max) - key.count - text.utf8.count - 9, "member keys exceed 4 GiB")
        let number = Int32(starts.count)
        let start = UInt32(arena.count)
        var text = text
        let textDiffers = text.withUTF8 { $0.count != key.count || !Self.equal(key, $0, at: 0) }
        appendLength(key.count)
        appendLength(textDiffers ? text.utf8.count + 1 : 0)
        arena.append(contentsOf: key)
        if textDiffers { arena.append(contentsOf: text.utf8) }
        starts.append(start)
        slots[found.place] = Slot(hash: hash, start: start, number: number)
        if starts.count * 2 > slots.count { grow() }
        return Int(number)
    }

    /// ``number(of:hash:)`` for a key given as text (hashed here).
    func number(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { number(of: $0, hash: Self.hash($0)) }
    }

    /// ``insert(_:hash:text:)`` for a key given as text (hashed here).
    mutating func insert(_ key: String, text: String) -> Int {
        var key = key
        return key.withUTF8 { insert($0, hash: Self.hash($0), text: text) }
    }

    /// The member value `number` was first inserted with, as the server sent it.
    func text(of number: Int) -> String {
        let start = Int(starts[number])
        let keyLength = length(at: start)
        let textLength = length(at: start + 4) - 1
        let keyStart = start + 8
        if textLength < 0 { return String(decoding: arena[keyStart..<(keyStart + keyLength)], as: UTF8.self) }
        let textStart = keyStart + keyLength
        return String(decoding: arena[textStart..<(textStart + textLength)], as: UTF8.self)
    }

    /// The place holding `key`, or the empty place where it would go (its slot's number then is -1).
    private func place(of key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (place: Int, number: Int32) {
        slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                let mask = slots.count - 1
                var place = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let slot = slots[place]
                    if slot.number < 0 { return (place, -1) }
                    if slot.hash == hash {
                        let start = Int(slot.start)
                        if Self.length(at: start, in: arena) == key.count, Self.equal(key, arena, at: start + 8) {
                            return (place, slot.number)
                        }
                    }
                    place = (place + 1) & mask
                }
            }
        }
    }

    /// Whether `key` is the bytes of `arena` from `offset` on (the arena holds at least as many).
    private static func equal(
        _ key: UnsafeBufferPointer<UInt8>,
        _ arena: UnsafeBufferPointer<UInt8>,
        at offset: Int
    ) -> Bool {
        guard let keyBytes = key.baseAddress, let arenaBytes = arena.baseAddress else { return key.isEmpty }
        return memcmp(arenaBytes + offset, keyBytes, key.count) == 0
    }

    /// Doubles the slots and places every key again by its stored hash (no key's bytes are read).
    private mutating func grow() {
        var larger = [Slot](repeating: .empty, count: slots.count * 2)
        let mask = larger.count - 1
        for slot in slots where slot.number >= 0 {
            var place = Int(truncatingIfNeeded: slot.hash) & mask
            while larger[place].number >= 0 { place = (place + 1) & mask }
            larger[place] = slot
        }
        slots = larger
    }

    private mutating func appendLength(_ length: Int) {
        let value = UInt32(length)
        for shift in stride(from: 0, to: 32, by: 8) { arena.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private func length(at offset: Int) -> Int {
        arena.withUnsafeBufferPointer { Self.length(at: offset, in: $0) }
    }

    private static func length(at offset: Int, in arena: UnsafeBufferPointer<UInt8>) -> Int {
        Int(arena[offset]) | Int(arena[offset + 1]) << 8 | Int(arena[offset + 2]) << 16 | Int(arena[offset + 3]) << 24
    }
}
