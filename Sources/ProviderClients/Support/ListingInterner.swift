/// Shares the storage of values that repeat across the accounts of one listing: the role lists and the extra
/// fields (department, time zone, job title) that many accounts have in common.
///
/// A Swift array or dictionary is a reference to heap storage, so equal values handed out from here cost one
/// allocation in all instead of one per account (about 250 bytes an account for Zoom's three extra fields and
/// its role list: a quarter of a gigabyte for a million accounts). The values are equal either way; only the
/// storage is shared. At most ``limit`` distinct values of each kind are kept, so a listing where every
/// account differs costs a bounded table and nothing else.
struct ListingInterner {
    /// How many distinct values of each kind are remembered.
    static let limit = 4096

    private var lists: [[String]: [String]] = [:]
    private var dictionaries: [[String: String]: [String: String]] = [:]

    /// `list`, or an equal list handed out before.
    mutating func shared(_ list: [String]) -> [String] {
        guard !list.isEmpty else { return list }
        if let known = lists[list] { return known }
        if lists.count < Self.limit { lists[list] = list }
        return list
    }

    /// `dictionary`, or an equal dictionary handed out before.
    mutating func shared(_ dictionary: [String: String]) -> [String: String] {
        guard !dictionary.isEmpty else { return dictionary }
        if let known = dictionaries[dictionary] { return known }
        if dictionaries.count < Self.limit { dictionaries[dictionary] = dictionary }
        return dictionary
    }
}
