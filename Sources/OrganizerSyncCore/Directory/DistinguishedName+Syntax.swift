extension DistinguishedName {
    /// Long names and OIDs of the usual naming attributes (RFC 4519, RFC 4524, inetOrgPerson), lower-cased,
    /// by the short name they stand for.
    static let typeAliases: [String: String] = [
        "commonname": "cn", "2.5.4.3": "cn",
        "organizationalunitname": "ou", "2.5.4.11": "ou",
        "organizationname": "o", "2.5.4.10": "o",
        "countryname": "c", "2.5.4.6": "c",
        "localityname": "l", "2.5.4.7": "l",
        "stateorprovincename": "st", "2.5.4.8": "st",
        "streetaddress": "street", "2.5.4.9": "street",
        "domaincomponent": "dc", "0.9.2342.19200300.100.1.25": "dc",
        "userid": "uid", "0.9.2342.19200300.100.1.1": "uid",
        "surname": "sn", "2.5.4.4": "sn",
        "givenname": "givenname", "2.5.4.42": "givenname",
        "serialnumber": "serialnumber", "2.5.4.5": "serialnumber",
        "title": "title", "2.5.4.12": "title",
        "rfc822mailbox": "mail", "0.9.2342.19200300.100.1.3": "mail",
        "emailaddress": "email", "pkcs9email": "email", "1.2.840.113549.1.9.1": "email",
        "employeenumber": "employeenumber", "2.16.840.1.113730.3.1.3": "employeenumber",
        "uidnumber": "uidnumber", "1.3.6.1.1.1.1.0": "uidnumber",
        "gidnumber": "gidnumber", "1.3.6.1.1.1.1.1": "gidnumber",
    ]

    /// Attributes whose equality rule is case-exact (caseExactMatch, caseExactIA5Match) in the schemas
    /// OpenLDAP ships (nis, cosine, sudo, krb5, autofs): their DN values keep their case.
    ///
    /// Every other attribute
    /// is compared without case, as the usual naming attributes (cn, ou, dc, o, c, l, st, uid, …) and all of
    /// Active Directory's are.
    public static let caseExactTypes: Set<String> = [
        "memberuid", "homedirectory", "loginshell", "automountkey", "automountinformation", "krbprincipalname",
        "sudouser", "sudohost", "sudocommand", "sudorunas", "sudorunasuser", "sudorunasgroup", "bootfile",
        "labeleduri", "nismapentry",
    ]

    /// Whether `bytes` is a DN in normal form already, checked in one cheap pass so that the DNs servers
    /// usually send (`uid=u001,ou=people,dc=example,dc=com`) skip the parser: every RDN a single `type=value`
    /// whose type is one to three lower-case letters (`cn`, `ou`, `dc`, `uid`, …: no long name or OID to map,
    /// none with a case-exact rule), and whose value is a non-empty run of lower-case letters, digits, `-`, `.`,
    /// `_` and `@` (nothing to unescape, fold or trim).
    static func isNormalForm(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        guard count > 0 else { return false }
        while index < count {
            let typeStart = index
            while index < count, bytes[index] >= UInt8(ascii: "a"), bytes[index] <= UInt8(ascii: "z") { index += 1 }
            let typeLength = index - typeStart
            guard typeLength > 0, typeLength <= 3, index < count, bytes[index] == UInt8(ascii: "=") else {
                return false
            }
            index += 1
            let valueStart = index
            while index < count {
                let byte = bytes[index]
                let isPlain =
                    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "@")
                guard isPlain else { break }
                index += 1
            }
            guard index > valueStart else { return false }
            if index == count { return true }
            guard bytes[index] == UInt8(ascii: ","), index + 1 < count else { return false }
            index += 1
        }
        return true
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The value of a hex digit, or `nil`.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        if isDigit(byte) { return byte - UInt8(ascii: "0") }
        let lower = byte | 0x20
        if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "f") { return lower - UInt8(ascii: "a") + 10 }
        return nil
    }

    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// Whether a value byte is written `\hh` in the normalized form: the characters RFC 4514 escapes anywhere
    /// (`"+,;<>\`), `=` and `#` (so no normalized value starts with an unescaped `#`), and control bytes.
    static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<0x20, 0x7F: true
        case UInt8(ascii: "\""), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "="), UInt8(ascii: "#"):
            true
        default: false
        }
    }

    /// The text of a hex-encoded value (`#04054a6f686e2e`): the contents of a BER OCTET STRING or of one of the
    /// string types (UTF8String, PrintableString, IA5String, TeletexString, VisibleString) as its bytes, and
    /// BMPString (UTF-16) or UniversalString (UTF-32) as UTF-8.
    ///
    /// `nil` for anything else (a constructed value, a
    /// length that does not match): such a DN is not compared as text.
    static func decodeBERString(_ ber: [UInt8]) -> [UInt8]? {
        guard ber.count >= 2 else { return nil }
        let tag = ber[0]
        var offset = 2
        var length = Int(ber[1])
        if length >= 0x80 {
            let count = length & 0x7F
            guard count >= 1, count <= 3, ber.count >= 2 + count else { return nil }
            length = 0
            for byte in ber[2..<(2 + count)] { length = length << 8 | Int(byte) }
            offset += count
        }
        guard ber.count == offset + length else { return nil }
        let contents = ber[offset...]
        switch tag {
        case 0x04, 0x0C, 0x13, 0x14, 0x16, 0x1A:
            return Array(contents)
        case 0x1E:
            guard length % 2 == 0 else { return nil }
            let units = stride(from: offset, to: ber.count, by: 2).map { UInt16(ber[$0]) << 8 | UInt16(ber[$0 + 1]) }
            return Array(String(decoding: units, as: UTF16.self).utf8)
        case 0x1C:
            guard length % 4 == 0 else { return nil }
            var text = ""
            for start in stride(from: offset, to: ber.count, by: 4) {
                let scalar = ber[start..<(start + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                text.unicodeScalars.append(unicode)
            }
            return Array(text.utf8)
        default:
            return nil
        }
    }

    /// Reads DN text byte by byte.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var atEnd: Bool { position == bytes.count }
        var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func advance() { position += 1 }

        mutating func skipSpaces() {
            while position < bytes.count && bytes[position] == UInt8(ascii: " ") { position += 1 }
        }

        /// Hex pairs up to the next separator (spaces after them allowed), as bytes; `nil` when none or odd.
        mutating func hexString() -> [UInt8]? {
            var result: [UInt8] = []
            while let high = peek.flatMap(DistinguishedName.hexValue) {
                advance()
                guard let low = peek.flatMap(DistinguishedName.hexValue) else { return nil }
                advance()
                result.append(high << 4 | low)
            }
            skipSpaces()
            // After the hex digits comes the end of the DN or a separator; anything else is not a hexstring.
            let endsHere = peek.map { [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "+")].contains($0) } ?? true
            return result.isEmpty || !endsHere ? nil : result
        }

        /// A string value up to an unescaped `,`, `;` or `+`, unescaped into `value`; unescaped spaces before
        /// the separator are not part of it.
        ///
        /// `false` on a bad escape or an unescaped special character.
        mutating func string(into value: inout [UInt8]) -> Bool {
            var kept = 0  // the length of `value` up to its last escaped or non-space byte
            while let byte = peek {
                switch byte {
                case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "+"):
                    value.removeSubrange(kept...)
                    return true
                case UInt8(ascii: "\\"):
                    advance()
                    guard let escaped = escapedByte() else { return false }
                    value.append(escaped)
                    kept = value.count
                    continue
                case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), 0:
                    return false
                default:
                    value.append(byte)
                    if byte != UInt8(ascii: " ") { kept = value.count }
                }
                advance()
            }
            value.removeSubrange(kept...)
            return true
        }

        /// A quoted value (RFC 2253's `"…"`), after the opening quote.
        mutating func quotedString(into value: inout [UInt8]) -> Bool {
            while let byte = peek {
                advance()
                if byte == UInt8(ascii: "\"") {
                    skipSpaces()
                    return true
                }
                if byte == UInt8(ascii: "\\") {
                    guard let escaped = escapedByte() else { return false }
                    value.append(escaped)
                } else {
                    value.append(byte)
                }
            }
            return false
        }

        /// The byte after a backslash: a hex pair, or a character that escapes itself.
        private mutating func escapedByte() -> UInt8? {
            guard let first = peek else { return nil }
            if let high = DistinguishedName.hexValue(first), position + 1 < bytes.count,
                let low = DistinguishedName.hexValue(bytes[position + 1])
            {
                position += 2
                return high << 4 | low
            }
            advance()
            return first
        }
    }
}
