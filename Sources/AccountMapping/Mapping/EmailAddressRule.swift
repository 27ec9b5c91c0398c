/// The addresses organizer-sync plans accounts for: a strict subset of RFC 5321's `Mailbox` (with RFC 6531's
/// non-ASCII letters), checked before anything is planned, so that a directory value such as
/// `=HYPERLINK("http://x")@evil.example` or one with spaces, quotes or control characters is a mapping problem, never
/// an account.
///
/// - Local part: a dot-atom (RFC 5321 section 4.1.2) of letters, digits and ``localSymbols``; no quoted strings, no
///   leading, trailing or doubled dot; at most 64 octets; it may not start with a character spreadsheets read as a
///   formula (`=`, `+`, `-`, `@`).
/// - Domain: two or more labels of letters, digits and hyphens, no label starting or ending with a hyphen, each at
///   most 63 octets; no address literals (`[192.0.2.1]`).
/// - At most 254 octets in all (the forward-path limit, 256, less the angle brackets).
enum EmailAddressRule {
    /// RFC 5322 `atext` symbols allowed in the local part (apart from letters and digits).
    static let localSymbols: Set<UInt8> = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    /// Whether `email` is an address this tool plans accounts for.
    static func isValid(_ email: String) -> Bool {
        let bytes = Array(email.utf8)
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard let first = local.first, local.count <= 64, !"=+-@".utf8.contains(first) else { return false }
        guard isDotAtom(local), isDomain(domain) else { return false }
        // Non-ASCII (RFC 6531) is allowed for letters only: no white space, controls or symbols beyond ASCII's.
        guard bytes.contains(where: { $0 >= 0x80 }) else { return true }
        return email.unicodeScalars.allSatisfy {
            $0.isASCII || $0.properties.isAlphabetic || $0.properties.numericType != nil
        }
    }

    private static func isDotAtom(_ part: ArraySlice<UInt8>) -> Bool {
        var previousWasDot = true
        for byte in part {
            if byte == UInt8(ascii: ".") {
                if previousWasDot { return false }
                previousWasDot = true
                continue
            }
            previousWasDot = false
            guard isLetterOrDigit(byte) || localSymbols.contains(byte) else { return false }
        }
        return !previousWasDot
    }

    private static func isDomain(_ part: ArraySlice<UInt8>) -> Bool {
        let labels = part.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard let first = label.first, let last = label.last, label.count <= 63,
                first != UInt8(ascii: "-"), last != UInt8(ascii: "-"),
                label.allSatisfy({ isLetterOrDigit($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return true
    }

    /// ASCII letters and digits, and any non-ASCII byte (checked as a whole scalar afterwards).
    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            byte >= 0x80
        }
    }
}
