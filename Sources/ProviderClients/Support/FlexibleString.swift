import Foundation

/// A value the provider may send as a string, a number or a boolean, read as a string.
///
/// GoTo keys are integers that exceed 64 bits (`78888886011013972886849029`), and some clients see them
/// quoted, some not; Webex sends `loginEnabled` as the string `"true"`; Zoom `role_id` is a string but
/// tolerant readers accept a number. Reading through `Decimal` keeps all digits of a large integer.
struct FlexibleString: Sendable, Hashable, Decodable {
    var value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let bool = try? container.decode(Bool.self) {
            value = bool ? "true" : "false"
        } else if let integer = try? container.decode(Int64.self) {
            value = String(integer)
        } else {
            let number = try container.decode(Decimal.self)
            value = "\(number)"
        }
    }
}
