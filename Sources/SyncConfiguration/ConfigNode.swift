import Foundation
import Yams

/// A YAML value that remembers where it was written, so every error can name file, line and key.
///
/// The configuration is parsed into this tree first; presets and the admin's file are merged as trees
/// (each value keeping its own file), and only then decoded into typed settings.
public struct ConfigNode: Sendable {
    /// The value's shape.
    public indirect enum Value: Sendable {
        case scalar(String, isPlainNull: Bool)
        case mapping([Entry])
        case sequence([ConfigNode])
    }

    /// One key of a mapping.
    public struct Entry: Sendable {
        public var key: String
        public var keyLocation: ConfigLocation
        public var value: ConfigNode
    }

    public var value: Value
    public var location: ConfigLocation

    /// Parses a YAML file.
    /// - Throws: ``ConfigurationError`` with code `.fileUnreadable` or `.syntax`.
    public static func load(file: String) throws(ConfigurationError) -> ConfigNode {
        if let text = BuiltInPresets.text(at: file) { return try parse(text, file: file) }
        guard let data = FileManager.default.contents(atPath: file) else {
            let why =
                FileManager.default.fileExists(atPath: file)
                ? "cannot read the file \(file): the user organizer-sync runs as needs read permission on it"
                : "no file \(file): check the path (organizer-sync init writes a starter configuration)"
            throw ConfigurationError(.fileUnreadable, at: nil, keyPath: nil, why)
        }
        return try parse(String(decoding: data, as: UTF8.self), file: file)
    }

    /// Parses YAML text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> ConfigNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ConfigurationError(.syntax, at: nil, keyPath: nil, "\(file): not valid YAML")
        }
        guard let root else {
            return ConfigNode(value: .mapping([]), location: ConfigLocation(file: file, line: 1, column: 1))
        }
        return try convert(root, file: file)
    }

    private static func convert(_ node: Node, file: String) throws(ConfigurationError) -> ConfigNode {
        let location = ConfigLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
        switch node {
        case .scalar(let scalar):
            let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            return ConfigNode(value: .scalar(scalar.string, isPlainNull: isNull), location: location)
        case .sequence(let sequence):
            var items: [ConfigNode] = []
            for item in sequence {
                items.append(try convert(item, file: file))
            }
            return ConfigNode(value: .sequence(items), location: location)
        case .mapping(let mapping):
            var entries: [Entry] = []
            var seen = Set<String>()
            for (keyNode, valueNode) in mapping {
                let keyLocation = ConfigLocation(
                    file: file,
                    line: keyNode.mark?.line ?? 0,
                    column: keyNode.mark?.column ?? 0
                )
                guard let key = keyNode.string else {
                    throw ConfigurationError(.syntax, at: keyLocation, keyPath: nil, "keys must be plain strings")
                }
                guard seen.insert(key).inserted else {
                    throw ConfigurationError(.syntax, at: keyLocation, keyPath: key, "the key is given twice")
                }
                entries.append(Entry(key: key, keyLocation: keyLocation, value: try convert(valueNode, file: file)))
            }
            return ConfigNode(value: .mapping(entries), location: location)
        case .alias:
            throw ConfigurationError(.syntax, at: location, keyPath: nil, "YAML aliases are not supported here")
        }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return ConfigurationError(
                .syntax,
                at: ConfigLocation(file: file, line: mark.line, column: mark.column),
                keyPath: nil,
                "YAML syntax error: \(problem)"
            )
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigurationError(
                .syntax,
                at: ConfigLocation(file: file, line: context.mark.line, column: context.mark.column),
                keyPath: nil,
                "duplicate keys: \(duplicates.joined(separator: ", "))"
            )
        default:
            return ConfigurationError(.syntax, at: nil, keyPath: nil, "\(file): YAML syntax error")
        }
    }

    /// This node with `overlay` merged over it: mappings merge key by key (recursively), anything else
    /// in the overlay replaces what was here.
    ///
    /// Each value keeps the location it was written at.
    public func merged(with overlay: ConfigNode) -> ConfigNode {
        guard case .mapping(let baseEntries) = value, case .mapping(let overlayEntries) = overlay.value else {
            return overlay
        }
        var result = baseEntries
        for entry in overlayEntries {
            if let index = result.firstIndex(where: { $0.key == entry.key }) {
                result[index].value = result[index].value.merged(with: entry.value)
                result[index].keyLocation = entry.keyLocation
            } else {
                result.append(entry)
            }
        }
        return ConfigNode(value: .mapping(result), location: overlay.location)
    }
}
