/// The attribute names of one directory read, interned once and shared by every user it produced.
///
/// A user's ``DirectoryAttributes`` keeps its values in the table's order and finds an attribute by its
/// position here, so no user carries a dictionary or a copy of the names. Immutable once made.
public final class AttributeTable: Sendable {
    /// The lower-cased attribute names, in slot order.
    public let names: [String]
    /// Each name's slot.
    let slots: [String: Int]

    /// A table of `names` (lower-cased by the caller), without duplicates.
    ///
    /// A repeated name keeps its first slot.
    public init(names: [String]) {
        var unique: [String] = []
        var slots: [String: Int] = [:]
        for name in names where slots[name] == nil {
            slots[name] = unique.count
            unique.append(name)
        }
        self.names = unique
        self.slots = slots
    }

    /// The slot of a lower-cased `name`, or `nil` when the table does not hold it.
    public func slot(of name: String) -> Int? {
        slots[name]
    }

    /// This table with `extra` names appended (for an entry that holds a name the read did not ask for).
    func adding(_ extra: [String]) -> AttributeTable {
        AttributeTable(names: names + extra)
    }
}
