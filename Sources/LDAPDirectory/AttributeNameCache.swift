import CLDAP

/// What a decoder made of each attribute description, remembered two ways.
///
/// By position: servers send attributes in the same order entry after entry, so the name at a position is
/// compared with the one seen there before, not hashed. By spelling: each spelling is lower-cased once per read.
struct AttributeNameCache<Value> {
    private var previous: [(raw: String, value: Value)] = []
    private var lowercased: [String: String] = [:]

    /// How many attributes the previous entry had.
    var count: Int { previous.count }

    /// The value for the description `name` at `position` of an entry.
    /// - Parameters:
    ///   - name: the description as libldap returned it (pointing into the message).
    ///   - position: its index among the entry's attributes.
    ///   - make: turns the lower-cased name into a value, when the position held another name.
    /// - Returns: the value remembered or made.
    mutating func value(of name: berval, at position: Int, make: (String) -> Value) -> Value {
        if position < previous.count, name.equals(previous[position].raw) { return previous[position].value }
        let raw = name.string
        let key: String
        if let known = lowercased[raw] {
            key = known
        } else {
            key = raw.lowercased()
            lowercased[raw] = key
        }
        let value = make(key)
        if position < previous.count {
            previous[position] = (raw, value)
        } else {
            previous.append((raw, value))
        }
        return value
    }
}
