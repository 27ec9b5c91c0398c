/// Typed, strict access to one YAML mapping: unknown keys are errors, and every error names the
/// file, line, column and dotted key path of the value at fault.
public struct ConfigMapping: Sendable {
    public let node: ConfigNode
    /// The dotted path of this mapping (`directory.tls`); empty at the root.
    public let path: String
    private let entries: [ConfigNode.Entry]

    /// Reads `node` as a mapping whose keys must all be in `allowedKeys`.
    public init(_ node: ConfigNode, path: String, allowedKeys: [String]) throws(ConfigurationError) {
        var entries: [ConfigNode.Entry] = []
        switch node.value {
        case .mapping(let found): entries = found
        case .scalar(_, isPlainNull: true): break
        default:
            throw ConfigurationError(.invalidValue, at: node.location, keyPath: path, "expected a mapping of keys")
        }
        for entry in entries where !allowedKeys.contains(entry.key) {
            let suggestion = Self.closest(to: entry.key, in: allowedKeys).map { " (did you mean '\($0)'?)" } ?? ""
            throw ConfigurationError(
                .unknownKey,
                at: entry.keyLocation,
                keyPath: Self.join(path, entry.key),
                "unknown key\(suggestion); allowed here: \(allowedKeys.joined(separator: ", "))"
            )
        }
        self.node = node
        self.path = path
        self.entries = entries
    }

    /// The keys present, in file order.
    public var keys: [String] { entries.map(\.key) }

    /// The value node of `key`, or `nil` when absent or written as `null`.
    public func value(_ key: String) -> ConfigNode? {
        guard let node = entries.first(where: { $0.key == key })?.value else { return nil }
        if case .scalar(_, true) = node.value { return nil }
        return node
    }

    /// The dotted path of `key` below this mapping.
    public func keyPath(_ key: String) -> String { Self.join(path, key) }

    /// An error about `key` (located at its value, or at this mapping when the key is absent).
    public func error(_ key: String, _ message: String) -> ConfigurationError {
        error(key, .invalidValue, message)
    }

    /// An error of a given kind about `key`.
    public func error(_ key: String, _ code: ConfigurationError.Code, _ message: String) -> ConfigurationError {
        let location = entries.first(where: { $0.key == key })?.value.location ?? node.location
        return ConfigurationError(code, at: location, keyPath: keyPath(key), message)
    }

    public func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let node = value(key) else { return nil }
        guard case .scalar(let text, _) = node.value else { throw error(key, "expected a single value") }
        return text
    }

    public func requiredString(_ key: String) throws(ConfigurationError) -> String {
        guard let text = try string(key), !text.isEmpty else { throw error(key, .missingKey, "is required") }
        return text
    }

    public func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let text = try string(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(key, "expected true or false, got '\(text)'")
        }
    }

    public func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let text = try string(key) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw error(key, "expected a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }

    public func double(_ key: String, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double? {
        guard let text = try string(key) else { return nil }
        guard let number = Double(text), range.contains(number) else {
            throw error(key, "expected a number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return number
    }

    /// A list of strings; a single value counts as a one-element list.
    public func strings(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let node = value(key) else { return nil }
        switch node.value {
        case .scalar(let text, _): return [text]
        case .sequence(let items):
            var result: [String] = []
            for (index, item) in items.enumerated() {
                guard case .scalar(let text, _) = item.value else {
                    throw ConfigurationError(
                        .invalidValue,
                        at: item.location,
                        keyPath: "\(keyPath(key))[\(index)]",
                        "expected a single value"
                    )
                }
                result.append(text)
            }
            return result
        case .mapping: throw error(key, "expected a list of values")
        }
    }

    public func mapping(_ key: String, allowedKeys: [String]) throws(ConfigurationError) -> ConfigMapping? {
        guard let node = value(key) else { return nil }
        return try ConfigMapping(node, path: keyPath(key), allowedKeys: allowedKeys)
    }

    /// A mapping with free-form keys (attribute = value conditions).
    public func pairs(_ key: String) throws(ConfigurationError) -> [(key: String, value: String, at: ConfigLocation)]? {
        guard let node = value(key) else { return nil }
        guard case .mapping(let entries) = node.value else { throw error(key, "expected a mapping") }
        var result: [(key: String, value: String, at: ConfigLocation)] = []
        for entry in entries {
            guard case .scalar(let text, _) = entry.value.value else {
                throw ConfigurationError(
                    .invalidValue,
                    at: entry.value.location,
                    keyPath: "\(keyPath(key)).\(entry.key)",
                    "expected a single value"
                )
            }
            result.append((entry.key, text, entry.keyLocation))
        }
        return result
    }

    public func sequence(_ key: String) throws(ConfigurationError) -> [ConfigNode]? {
        guard let node = value(key) else { return nil }
        guard case .sequence(let items) = node.value else { throw error(key, "expected a list") }
        return items
    }

    /// One of an enumeration's raw values.
    public func choice<T: RawRepresentable & CaseIterable>(
        _ key: String,
        as type: T.Type
    ) throws(ConfigurationError)
        -> T? where T.RawValue == String
    {
        guard let text = try string(key) else { return nil }
        guard let value = T(rawValue: text.lowercased()) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(key, "expected one of \(allowed), got '\(text)'")
        }
        return value
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The allowed key nearest to a misspelt one (edit distance at most 2).
    static func closest(to key: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(key.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
