/// Shares the storage of values that repeat across many records of one run: role and licence lists, extra
/// fields, scope reasons, long strings such as a licence rule.
///
/// A Swift string of more than 15 bytes, an array and a dictionary each hold a reference to heap storage, so
/// equal values handed out from here cost one allocation in all instead of one per record: for a million
/// accounts or mapped users, a few hundred megabytes. The values are equal either way; only the storage is
/// shared. At most ``limit`` distinct values of each kind are remembered, so input where every record differs
/// costs a bounded table and nothing else.
public struct StorageInterner: Sendable {
    /// How many distinct values of each kind are remembered.
    public static let limit = 4096

    private var strings: Set<String> = []
    private var lists: Set<[String]> = []
    private var dictionaries: Set<[String: String]> = []

    /// Creates an empty interner.
    public init() {}

    /// `string`, or an equal string handed out before (a string of up to 15 bytes is stored inline, as is).
    public mutating func shared(_ string: String) -> String {
        guard string.utf8.count > 15 else { return string }
        return Self.shared(string, in: &strings)
    }

    /// `string`, or an equal string handed out before; `nil` stays `nil`.
    public mutating func shared(_ string: String?) -> String? {
        string.map { shared($0) }
    }

    /// `list`, or an equal list handed out before.
    public mutating func shared(_ list: [String]) -> [String] {
        list.isEmpty ? list : Self.shared(list, in: &lists)
    }

    /// `list`, or an equal list handed out before; `nil` stays `nil`.
    public mutating func shared(_ list: [String]?) -> [String]? {
        list.map { shared($0) }
    }

    /// `dictionary`, or an equal dictionary handed out before.
    public mutating func shared(_ dictionary: [String: String]) -> [String: String] {
        dictionary.isEmpty ? dictionary : Self.shared(dictionary, in: &dictionaries)
    }

    private static func shared<Value: Hashable>(_ value: Value, in known: inout Set<Value>) -> Value {
        if let index = known.firstIndex(of: value) { return known[index] }
        if known.count < limit { known.insert(value) }
        return value
    }
}
