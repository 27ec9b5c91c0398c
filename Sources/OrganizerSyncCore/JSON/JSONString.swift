/// JSON string text, written one way for every hand-written JSON in the package: the sealed plan, the
/// audit log's lines and the provider simulator's answers.
///
/// `"`, `\` and control characters are escaped (`\n`, `\r`, `\t`, `\b`, `\f`, else `\u00XX` in lower-case
/// hex); everything else, slashes and non-ASCII included, is written as is. These are the bytes
/// `JSONEncoder` writes with `.withoutEscapingSlashes`, so digests over them never change.
public enum JSONString {
    /// Appends `value` as a quoted JSON string to `bytes`.
    public static func append(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // Most values need no escape: scan the UTF-8 in place and copy it whole.
        let isCopied = value.utf8.withContiguousStorageIfAvailable { utf8 in
            for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            bytes.append(contentsOf: utf8)
            return true
        }
        if isCopied != true {
            for byte in value.utf8 { appendEscaped(byte, to: &bytes) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `value` as a quoted JSON string.
    public static func quoted(_ value: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 2)
        append(value, to: &bytes)
        return bytes
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private static func appendEscaped(_ byte: UInt8, to bytes: inout [UInt8]) {
        let backslash = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""), backslash: bytes.append(contentsOf: [backslash, byte])
        case 0x0A: bytes.append(contentsOf: [backslash, UInt8(ascii: "n")])
        case 0x0D: bytes.append(contentsOf: [backslash, UInt8(ascii: "r")])
        case 0x09: bytes.append(contentsOf: [backslash, UInt8(ascii: "t")])
        case 0x08: bytes.append(contentsOf: [backslash, UInt8(ascii: "b")])
        case 0x0C: bytes.append(contentsOf: [backslash, UInt8(ascii: "f")])
        case 0..<0x20:
            bytes.append(contentsOf: [
                backslash, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
            ])
        default: bytes.append(byte)
        }
    }
}
