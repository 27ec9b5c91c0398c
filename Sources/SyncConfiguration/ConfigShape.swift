import Foundation

/// The keys of one YAML mapping of a configuration or mapping file, and what each holds.
///
/// It is the one definition both readers use: the loader's unknown-key check takes ``names`` (through
/// ``ConfigMapping/init(_:path:shape:)``), and `organizer-sync schema` writes it out as JSON Schema (draft
/// 2020-12) for editors (``jsonSchema(title:)``). The loader still checks each value's meaning (ranges, URLs,
/// expressions); the schema says what an editor can know: the keys, their types and the fixed choices.
public struct ConfigShape: Sendable {
    /// What a value holds.
    public indirect enum Kind: Sendable {
        /// A single value (the loader reads every scalar as text: `client_id: 12345` is fine).
        case scalar
        /// `true` or `false`.
        case boolean
        /// A whole number.
        case integer
        /// A number.
        case number
        /// One of these words.
        case choice([String])
        /// A list of single values, or one value standing for a one-element list.
        case scalars
        /// A mapping with these keys.
        case object(ConfigShape)
        /// A list of values of one kind.
        case list(Kind)
        /// A mapping with free keys (matching the pattern, when given), each value of one kind.
        case map(Kind, keyPattern: String?)
        /// Any one of these kinds.
        case oneOf([Kind])
        /// YAML's null (`key: null` removes a preset's value).
        case null
    }

    /// One key.
    public struct Key: Sendable {
        /// The key as written in YAML.
        public var name: String
        /// What it holds.
        public var kind: Kind
        /// Whether the loader requires it in this mapping as written (not after a preset is merged under it).
        public var isRequired: Bool
        /// One line for editors.
        public var help: String

        /// A key.
        public init(_ name: String, _ kind: Kind, required: Bool = false, _ help: String) {
            self.name = name
            self.kind = kind
            self.isRequired = required
            self.help = help
        }
    }

    /// Keys whose shape depends on another key's value: a target's `credentials:` on its `provider:`.
    public struct Variant: Sendable {
        /// The key that decides (`provider`).
        public var key: String
        /// The value it has (`zoom`).
        public var value: String
        /// The narrower shape of some keys when it has that value (`credentials` with only Zoom's keys).
        public var shape: ConfigShape
    }

    /// The keys, in the order the documentation lists them.
    public var keys: [Key]

    /// The narrower shapes some keys take depending on another key's value; the schema writes each as an
    /// `if`/`then` (the loader picks the shape by the value itself).
    public var variants: [Variant] = []

    /// A shape.
    public init(_ keys: [Key]) { self.keys = keys }

    /// This shape, where the keys of `shape` take their narrower shape when `key` is `value`.
    /// - Parameters:
    ///   - key: the key that decides.
    ///   - value: the value it has.
    ///   - shape: the keys that narrow, with their shape for that value.
    /// - Returns: the shape with the variant added.
    public func when(_ key: String, is value: String, _ shape: ConfigShape) -> ConfigShape {
        var copy = self
        copy.variants.append(Variant(key: key, value: value, shape: shape))
        return copy
    }

    /// The allowed keys' names: what the loader's unknown-key check accepts.
    public var names: [String] { keys.map(\.name) }

    /// The shape of a key's mapping value (`tls` of the `directory` shape), or an empty shape.
    public subscript(name: String) -> ConfigShape {
        guard let key = keys.first(where: { $0.name == name }) else { return ConfigShape([]) }
        switch key.kind {
        case .object(let shape), .list(.object(let shape)): return shape
        case .oneOf(let kinds):
            for case .object(let shape) in kinds { return shape }
            return ConfigShape([])
        default: return ConfigShape([])
        }
    }

    /// This shape plus `more` keys.
    public func adding(_ more: [Key]) -> ConfigShape { ConfigShape(keys + more) }

    /// The JSON Schema (draft 2020-12) of a file of this shape, as JSON text (keys sorted).
    /// - Parameters:
    ///   - title: the schema's title.
    ///   - id: the schema's `$id`.
    /// - Returns: the schema text, ending in a newline.
    public func jsonSchema(title: String, id: String) -> String {
        var schema = objectSchema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = id
        schema["title"] = title
        let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? JSONSerialization.data(withJSONObject: schema, options: options)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    func objectSchema() -> [String: Any] {
        var schema: [String: Any] = [
            "type": ["object", "null"],
            "properties": properties(),
            "additionalProperties": false,
        ]
        let required = keys.filter(\.isRequired).map(\.name)
        if !required.isEmpty { schema["required"] = required }
        if !variants.isEmpty {
            // Each variant narrows its keys on top of the union above: both must hold.
            schema["allOf"] = variants.map { variant -> [String: Any] in
                [
                    "if": ["properties": [variant.key: ["const": variant.value]], "required": [variant.key]],
                    "then": ["properties": variant.shape.properties()],
                ]
            }
        }
        return schema
    }

    private func properties() -> [String: Any] {
        var properties: [String: Any] = [:]
        for key in keys {
            var property = Self.schema(key.kind)
            property["description"] = key.help
            properties[key.name] = property
        }
        return properties
    }

    static func schema(_ kind: Kind) -> [String: Any] {
        switch kind {
        case .scalar: return ["type": ["string", "number", "boolean"]]
        case .boolean: return ["type": "boolean"]
        case .integer: return ["type": "integer"]
        case .number: return ["type": "number"]
        case .choice(let words): return ["enum": words]
        case .scalars:
            let scalar: [String: Any] = ["type": ["string", "number", "boolean"]]
            return ["anyOf": [scalar, ["type": "array", "items": scalar]]]
        case .object(let shape): return shape.objectSchema()
        case .list(let item): return ["type": "array", "items": schema(item)]
        case .map(let value, let pattern):
            var map: [String: Any] = ["type": "object", "additionalProperties": schema(value)]
            if let pattern { map["propertyNames"] = ["pattern": pattern] }
            return map
        case .oneOf(let kinds): return ["anyOf": kinds.map(schema)]
        case .null: return ["type": "null"]
        }
    }
}

extension ConfigMapping {
    /// Reads `node` as a mapping whose keys must all be in `shape`.
    public init(_ node: ConfigNode, path: String, shape: ConfigShape) throws(ConfigurationError) {
        try self.init(node, path: path, allowedKeys: shape.names)
    }

    /// The mapping under `key`, its keys checked against `shape`.
    public func mapping(_ key: String, shape: ConfigShape) throws(ConfigurationError) -> ConfigMapping? {
        try mapping(key, allowedKeys: shape.names)
    }
}
