/// A case-insensitive glob pattern on email addresses: `*` matches any run of characters, `?` one character.
public struct EmailPattern: Sendable, Hashable {
    /// The pattern as written.
    public let pattern: String
    private let characters: [Character]

    /// Creates a pattern.
    /// - Parameter pattern: the glob, such as `*@ops.example.com`.
    public init(_ pattern: String) {
        self.pattern = pattern
        self.characters = Array(EmailPattern.normalize(pattern))
    }

    /// Whether `email` (trimmed, lower-cased) matches the pattern.
    /// - Parameter email: the address to test.
    /// - Returns: `true` when it matches.
    public func matches(_ email: String) -> Bool {
        let text = Array(EmailPattern.normalize(email))
        // Iterative glob matching with backtracking to the last `*`: linear in practice, no recursion.
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < characters.count, characters[p] == "?" || characters[p] == text[t] {
                p += 1
                t += 1
            } else if p < characters.count, characters[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let s = star {
                p = s + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < characters.count, characters[p] == "*" { p += 1 }
        return p == characters.count
    }

    /// The form emails are compared in: surrounding white space removed, lower-cased.
    /// - Parameter email: an address as the directory or a provider gives it.
    /// - Returns: the normalized address.
    public static func normalize(_ email: String) -> String {
        // Fast path for the usual case: ASCII without surrounding white space, read in place (no copy when
        // there is nothing to lower-case).
        let utf8 = email.utf8
        if let first = utf8.first, let last = utf8.last, first > 0x20, last > 0x20 {
            var isASCII = true
            var hasUpper = false
            for byte in utf8 {
                if byte >= 0x80 {
                    isASCII = false
                    break
                }
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { hasUpper = true }
            }
            if isASCII {
                guard hasUpper else { return email }
                return String(unsafeUninitializedCapacity: utf8.count) { buffer in
                    for (index, byte) in utf8.enumerated() {
                        buffer[index] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 0x20 : byte
                    }
                    return utf8.count
                }
            }
        }
        var scalars = Substring(email)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return scalars.lowercased()
    }
}
