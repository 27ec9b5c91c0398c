/// Percent-encoding for query strings and forms.
///
/// Everything but RFC 3986 unreserved characters is encoded, spaces as `%20`: GoTo's `filter` rejects `+`
/// for a space ("spaces must be %20, not +").
enum URLQuery {
    static func encode(_ value: String) -> String {
        var result = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                result += "%"
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
            }
        }
        return result
    }

    /// `name=value&...`, each part encoded.
    static func string(_ items: [(String, String)]) -> String {
        items.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// Appends query items to a URL that may already have a query.
    static func url(_ base: String, _ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return base }
        return base + (base.contains("?") ? "&" : "?") + string(items)
    }
}
