extension DistinguishedName {
    /// Turns DN text into its normalized form, keeping its buffers between calls: a reader normalizes every
    /// user DN and member value with one normalizer per thread.
    public struct Normalizer {
        /// The normalized DN being built.
        private var output: [UInt8] = []
        /// The current value, unescaped.
        private var value: [UInt8] = []
        /// The current RDN's attribute-value pairs, encoded, when it has more than one (sorted before output).
        private var pairs: [[UInt8]] = []

        public init() {
            output.reserveCapacity(256)
            value.reserveCapacity(128)
        }

        /// The comparison key of `text`: its normalized form, or the text behind a `\u{1}` prefix (which no
        /// normalized DN starts with) when it is not a DN.
        public mutating func key(_ text: String) -> String {
            normalize(text) ?? "\u{1}" + text
        }

        /// The normalized form of `text`, or `nil` when it is not a DN.
        ///
        /// Returns `text` itself (sharing its
        /// storage) when it is already in normal form.
        public mutating func normalize(_ text: String) -> String? {
            var text = text
            var isNormal = false
            let parsed = text.withUTF8 { bytes in
                isNormal = DistinguishedName.isNormalForm(bytes)
                return isNormal || parse(bytes)
            }
            guard parsed else { return nil }
            if isNormal { return text }
            if output.count == text.utf8.count, output.elementsEqual(text.utf8) { return text }
            return String(decoding: output, as: UTF8.self)
        }

        private mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            output.removeAll(keepingCapacity: true)
            var scanner = Scanner(bytes: bytes)
            scanner.skipSpaces()
            if scanner.atEnd { return true }
            while true {
                pairs.removeAll(keepingCapacity: true)
                let rdnStart = output.count
                while true {
                    guard appendPair(&scanner) else { return false }
                    scanner.skipSpaces()
                    guard scanner.peek == UInt8(ascii: "+") else { break }
                    scanner.advance()
                    pairs.append(Array(output[rdnStart...]))
                    output.removeSubrange(rdnStart...)
                }
                if !pairs.isEmpty {
                    pairs.append(Array(output[rdnStart...]))
                    output.removeSubrange(rdnStart...)
                    pairs.sort { $0.lexicographicallyPrecedes($1) }
                    for (index, pair) in pairs.enumerated() {
                        if index > 0 { output.append(UInt8(ascii: "+")) }
                        output += pair
                    }
                }
                if scanner.atEnd { return true }
                guard let separator = scanner.peek, separator == UInt8(ascii: ",") || separator == UInt8(ascii: ";")
                else { return false }
                scanner.advance()
                scanner.skipSpaces()
                output.append(UInt8(ascii: ","))
            }
        }

        /// Parses `type=value` and appends its normalized form to ``output``.
        private mutating func appendPair(_ scanner: inout Scanner) -> Bool {
            scanner.skipSpaces()
            let typeStart = output.count
            guard let first = scanner.peek else { return false }
            if DistinguishedName.isLetter(first) {
                while let byte = scanner.peek,
                    DistinguishedName.isLetter(byte) || DistinguishedName.isDigit(byte) || byte == UInt8(ascii: "-")
                {
                    output.append(byte | 0x20)  // letters to lower case; digits and `-` already have the bit set
                    scanner.advance()
                }
            } else if DistinguishedName.isDigit(first) {
                while let byte = scanner.peek, DistinguishedName.isDigit(byte) || byte == UInt8(ascii: ".") {
                    output.append(byte)
                    scanner.advance()
                }
            } else {
                return false
            }
            let caseExact = canonicalizeType(from: typeStart)
            scanner.skipSpaces()
            guard scanner.peek == UInt8(ascii: "=") else { return false }
            scanner.advance()
            output.append(UInt8(ascii: "="))
            scanner.skipSpaces()
            value.removeAll(keepingCapacity: true)
            switch scanner.peek {
            case UInt8(ascii: "#"):
                scanner.advance()
                guard let ber = scanner.hexString(), let decoded = DistinguishedName.decodeBERString(ber) else {
                    return false
                }
                value = decoded
            case UInt8(ascii: "\""):
                scanner.advance()
                guard scanner.quotedString(into: &value) else { return false }
            default:
                guard scanner.string(into: &value) else { return false }
            }
            appendValue(caseExact: caseExact)
            return true
        }

        /// Replaces the type at `start...` with its short name when it has one; returns whether its values
        /// are compared with case.
        private mutating func canonicalizeType(from start: Int) -> Bool {
            let length = output.count - start
            // The common short names are canonical already and compared without case.
            if length <= 2 { return false }
            let type = String(decoding: output[start...], as: UTF8.self)
            if type == "uid" { return false }
            if let short = DistinguishedName.typeAliases[type] {
                output.removeSubrange(start...)
                output += short.utf8
                return DistinguishedName.caseExactTypes.contains(short)
            }
            return DistinguishedName.caseExactTypes.contains(type)
        }

        /// Appends ``value``: insignificant spaces removed (RFC 4518: leading and trailing ones, runs inside
        /// collapsed to one), case folded unless `caseExact`, and escaped one way.
        private mutating func appendValue(caseExact: Bool) {
            var isASCII = true
            for byte in value where byte >= 0x80 {
                isASCII = false
                break
            }
            if !caseExact && !isASCII {
                value = Array(String(decoding: value, as: UTF8.self).lowercased().utf8)
            }
            var pendingSpace = false
            var wroteAny = false
            for byte in value {
                if byte == UInt8(ascii: " ") {
                    pendingSpace = wroteAny
                    continue
                }
                if pendingSpace { output.append(UInt8(ascii: " ")) }
                pendingSpace = false
                wroteAny = true
                let folded = !caseExact && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                if DistinguishedName.needsEscape(folded) {
                    output.append(UInt8(ascii: "\\"))
                    output.append(DistinguishedName.hexDigit(folded >> 4))
                    output.append(DistinguishedName.hexDigit(folded & 0x0F))
                } else {
                    output.append(folded)
                }
            }
        }
    }
}
