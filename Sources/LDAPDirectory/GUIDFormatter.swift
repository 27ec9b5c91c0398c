/// Renders Active Directory's binary `objectGUID` as the canonical GUID string.
///
/// AD stores the GUID in Microsoft's mixed-endian layout: the first three fields (4, 2 and 2 bytes)
/// are little-endian, the last 8 bytes are in order. `objectGUID` bytes
/// `33 22 11 00 55 44 77 66 88 99 AA BB CC DD EE FF` are the GUID `00112233-4455-6677-8899-aabbccddeeff`,
/// which is what Windows tools (`Get-ADUser`) show.
enum GUIDFormatter {
    /// The canonical lower-case GUID string, or `nil` when `bytes` is not 16 bytes long.
    static func string(from bytes: [UInt8]) -> String? {
        guard bytes.count == 16 else { return nil }
        let order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15]
        var text = ""
        text.reserveCapacity(36)
        for (position, index) in order.enumerated() {
            if position == 4 || position == 6 || position == 8 || position == 10 { text += "-" }
            text += hex(bytes[index])
        }
        return text
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }
}
