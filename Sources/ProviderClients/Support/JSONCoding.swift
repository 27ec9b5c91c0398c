import Foundation
import OrganizerSyncCore

/// JSON decoding and encoding that turns failures into ``ProviderError``s naming the field at fault.
enum JSONCoding {
    /// Decodes a provider answer.
    ///
    /// Unknown fields are ignored; a missing required field or a value of the
    /// wrong type becomes `invalidResponse` with the field's path (never its value) in the description.
    static func decode<T: Decodable>(
        _ type: T.Type,
        from body: [UInt8],
        provider: ProviderKind,
        operation: String
    ) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(body))
        } catch let error as DecodingError {
            throw ProviderError(
                .invalidResponse,
                provider: provider,
                operation: operation,
                field: fieldPath(of: error),
                detail: String(describing: error)
            )
        } catch {
            throw ProviderError(.invalidResponse, provider: provider, operation: operation, underlyingError: error)
        }
    }

    /// Encodes a request body.
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        Array(try JSONEncoder().encode(value))
    }

    /// The dotted path of the field a decoding error is about (`users[2].email`).
    static func fieldPath(of error: DecodingError) -> String {
        let (path, key): ([any CodingKey], (any CodingKey)?) =
            switch error {
            case .keyNotFound(let key, let context): (context.codingPath, key)
            case .valueNotFound(_, let context), .typeMismatch(_, let context), .dataCorrupted(let context):
                (context.codingPath, nil)
            @unknown default: ([], nil)
            }
        var text = ""
        for component in path + (key.map { [$0] } ?? []) {
            if let index = component.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? component.stringValue : ".\(component.stringValue)"
            }
        }
        return text.isEmpty ? "(root)" : text
    }
}
