/// An open-addressing hash table of positions in a list of strings the caller keeps: 4 bytes a slot.
///
/// A `[String: Int]` of a million keys takes 48 MB (a 16-byte key and an 8-byte value per bucket, two
/// million buckets); the matching needs one per kind of key (anchors, emails) and the strings are in a list
/// anyway, so the table keeps only their positions, compares through the list and asks for the hash again
/// when it grows. Linear probing, at most half full; hashes are Swift's seeded `Hasher`, so hostile keys
/// cannot be chosen to collide.
struct PositionTable {
    /// Positions in the caller's list, `-1` for an empty slot; the count is a power of two.
    private var slots: [Int32]
    /// The number of positions stored.
    private(set) var count = 0

    /// Creates a table that holds `capacity` positions without growing.
    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
    }

    /// The position stored for `key`, or `nil`, comparing with the list's string at each candidate position.
    func position(of key: String, hash: Int, in list: [String]) -> Int? {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] >= 0 {
            if list[Int(slots[slot])] == key { return Int(slots[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Stores `position` (of a key not yet stored, whose hash is `hash`); `list` is the caller's list, for the
    /// hashes of the positions already stored when the table grows.
    mutating func insert(_ position: Int, hash: Int, list: [String]) {
        if 2 * (count + 1) > slots.count {
            var grown = PositionTable(capacity: slots.count)
            for stored in slots where stored >= 0 {
                grown.insert(Int(stored), hash: list[Int(stored)].hashValue, list: list)
            }
            self = grown
        }
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(position)
        count += 1
    }
}
