/// An attribute description with a range option, as Active Directory returns large multi-valued
/// attributes: asked for `member`, a server holding more values than its MaxValRange (1,500 by
/// default) returns `member;range=0-1499` and the client asks for `member;range=1500-*` next, until a
/// range ends in `*`.
struct RangedAttribute: Hashable, Sendable {
    /// The attribute without options (`member`).
    var name: String
    var low: Int
    /// The last index returned, or `nil` for `*` (the final range).
    var high: Int?

    /// Parses `member;range=0-1499` or `member;range=1500-*`; `nil` for a description without a range.
    init?(description: String) {
        let parts = description.split(separator: ";")
        guard parts.count >= 2,
            let option = parts.dropFirst().first(where: { $0.lowercased().hasPrefix("range=") })
        else { return nil }
        let bounds = option.dropFirst("range=".count).split(separator: "-", maxSplits: 1)
        guard bounds.count == 2, let low = Int(bounds[0]) else { return nil }
        self.name = String(parts[0]).lowercased()
        self.low = low
        if bounds[1] == "*" {
            self.high = nil
        } else if let high = Int(bounds[1]), high >= low {
            self.high = high
        } else {
            return nil
        }
    }

    /// Whether this is the last range.
    var isFinal: Bool { high == nil }

    /// The description to request next (`member;range=1500-*`), or `nil` after the final range.
    var nextRequest: String? {
        guard let high else { return nil }
        return "\(name);range=\(high + 1)-*"
    }
}
