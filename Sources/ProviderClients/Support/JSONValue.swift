import Foundation
import OrganizerSyncCore

/// Any JSON value, kept whole so that a full-replace update can send back fields this client does not know.
///
/// Webex `PUT /people/{id}` replaces the whole person ("first GET, make changes, then PUT both the changed
/// and unchanged values"), so dropping an unknown field on the way through would erase it.
enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Decimal.self) {
            self = .number(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The elements, if this is an array.
    var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The string, if this is one.
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}

extension JSONValue {
    /// A mapped field's value with the JSON type the provider's contract declares (Zoom `use_pmi` is a
    /// boolean, `pmi` a number); text when the contract says text or does not know the field.
    ///
    /// The
    /// planner has already checked the value against the contract (``ProviderFieldContract``).
    static func mapped(_ value: String, field: String, provider: ProviderKind) -> JSONValue {
        guard let kind = ProviderFieldContract.kind(of: field, for: provider),
            case .success(let typed) = ProviderFieldContract.convert(value, as: kind)
        else { return .string(value) }
        switch typed {
        case .string(let text): return .string(text)
        case .boolean(let flag): return .bool(flag)
        case .integer(let number): return .number(Decimal(number))
        }
    }
}
