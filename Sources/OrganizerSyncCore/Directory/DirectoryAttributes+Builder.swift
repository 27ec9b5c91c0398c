extension DirectoryAttributes {
    /// Collects one user's values in the order the server sends them and lays them out in slot order.
    ///
    /// Made once per read and reused for every entry, so its scratch buffers are allocated once. A name the
    /// table does not hold gets a slot past the table's end (``openExtra(name:)``), and the user then gets a
    /// table of its own.
    package struct Builder {
        /// The read's table.
        package let table: AttributeTable
        /// This entry's values in arrival order.
        private var scratch: [String] = []
        /// Per arrival, the slot and the range of its values in `scratch`.
        private var opened: [(slot: Int, start: Int)] = []
        /// Names of this entry that are not in the table, in the order they were opened.
        private var extraNames: [String] = []
        /// Per slot, the index in `opened` of its last opening (-1: not opened); reset after each user.
        private var lastOpening: [Int] = []
        /// Per slot, the value count (-1: absent); reset after each user.
        private var counts: [Int32] = []

        /// A builder for users of `table`.
        package init(table: AttributeTable) {
            self.table = table
        }

        /// Starts the values of the attribute in `slot` (it is present from now on, even without values).
        ///
        /// An attribute opened twice keeps the values of the last opening, as a dictionary assignment would.
        package mutating func open(slot: Int) {
            opened.append((slot, scratch.count))
        }

        /// Starts the values of an attribute whose lower-cased `name` the table does not hold.
        package mutating func openExtra(name: String) {
            if let known = extraNames.firstIndex(of: name) {
                open(slot: table.names.count + known)
            } else {
                extraNames.append(name)
                open(slot: table.names.count + extraNames.count - 1)
            }
        }

        /// Adds a value to the attribute opened last.
        package mutating func append(_ value: String) {
            scratch.append(value)
        }

        /// The user's attributes; the builder is empty again afterwards.
        package mutating func finish() -> DirectoryAttributes {
            let slotCount = table.names.count + extraNames.count
            if lastOpening.count < slotCount {
                lastOpening += repeatElement(-1, count: slotCount - lastOpening.count)
                counts += repeatElement(-1, count: slotCount - counts.count)
            }
            for (index, opening) in opened.enumerated() { lastOpening[opening.slot] = index }
            var total = 0
            for slot in 0..<slotCount where lastOpening[slot] >= 0 {
                let index = lastOpening[slot]
                let end = index + 1 < opened.count ? opened[index + 1].start : scratch.count
                counts[slot] = Int32(end - opened[index].start)
                total += end - opened[index].start
            }
            var values: [String] = []
            values.reserveCapacity(total)
            for slot in 0..<slotCount where lastOpening[slot] >= 0 {
                let index = lastOpening[slot]
                let end = index + 1 < opened.count ? opened[index + 1].start : scratch.count
                values.append(contentsOf: scratch[opened[index].start..<end])
            }
            let layout = Layout(counts: counts[..<slotCount])
            for slot in 0..<slotCount {
                lastOpening[slot] = -1
                counts[slot] = -1
            }
            let userTable = extraNames.isEmpty ? table : table.adding(extraNames)
            scratch.removeAll(keepingCapacity: true)
            opened.removeAll(keepingCapacity: true)
            extraNames.removeAll()
            return DirectoryAttributes(table: userTable, values: values, layout: layout)
        }
    }
}
