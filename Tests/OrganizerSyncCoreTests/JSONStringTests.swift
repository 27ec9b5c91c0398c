import Foundation
import OrganizerSyncCore
import Testing

@Suite("JSONString: the one JSON string writer")
struct JSONStringTests {
    /// What `JSONSerialization` reads back from the writer's output (wrapped in an array, which every
    /// Foundation accepts as a top-level value).
    func parsed(_ value: String) throws -> String {
        let text = [UInt8(ascii: "[")] + JSONString.quoted(value) + [UInt8(ascii: "]")]
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text)) as? [String])
        return try #require(array.first)
    }

    /// The writer's output as text.
    func written(_ value: String) -> String {
        String(decoding: JSONString.quoted(value), as: UTF8.self)
    }

    @Test("Every control character is escaped, the short forms where JSON has them")
    func controlCharacters() throws {
        let short: [UInt8: String] = [0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"]
        for byte in UInt8(0)..<0x20 {
            let value = String(UnicodeScalar(byte))
            let expected = short[byte] ?? String(format: "\\u%04x", byte)
            #expect(written(value) == "\"\(expected)\"", "U+\(String(byte, radix: 16))")
            #expect(try parsed(value) == value)
            #expect(!JSONString.quoted(value).dropFirst().dropLast().contains { $0 < 0x20 })
        }
    }

    @Test("Quotes and backslashes are escaped; slashes, DEL and non-ASCII are written as they are")
    func quotesAndBackslashes() throws {
        #expect(written("a\"b\\c/d") == #""a\"b\\c/d""#)
        #expect(written("\u{7F}é漢😀") == "\"\u{7F}é漢😀\"")
        for value in ["\"", "\\", "\\\"", "ends with \\", "cn=Smith\\, John,dc=example", ""] {
            #expect(try parsed(value) == value)
        }
    }

    @Test("U+2028 and U+2029 (line and paragraph separators) are written raw and read back the same")
    func lineSeparators() throws {
        let value = "one\u{2028}two\u{2029}three"
        #expect(written(value) == "\"\(value)\"")
        #expect(try parsed(value) == value)
    }

    @Test("Invalid surrogates and bytes never reach the output: a String holds U+FFFD in their place")
    func invalidSurrogates() throws {
        let loneHigh = String(decoding: [0x0061, 0xD800, 0x0062] as [UInt16], as: UTF16.self)
        let loneLow = String(decoding: [0xDC00] as [UInt16], as: UTF16.self)
        let badUTF8 = String(decoding: [0x61, 0xED, 0xA0, 0x80, 0xFF] as [UInt8], as: UTF8.self)
        for value in [loneHigh, loneLow, badUTF8] {
            let bytes = JSONString.quoted(value)
            // Valid UTF-8 (decoding changes nothing) that JSONSerialization accepts.
            #expect(String(validating: bytes, as: UTF8.self) != nil)
            #expect(try parsed(value) == value)
            #expect(value.unicodeScalars.contains("\u{FFFD}"))
        }
    }

    @Test("Control characters in the middle of long text escape the same as alone (the copying fast path)")
    func mixedText() throws {
        let value = String(repeating: "plain ascii ", count: 100) + "\u{1}\n\"" + String(repeating: "é", count: 50)
        #expect(try parsed(value) == value)
        var bytes = Array("prefix".utf8)
        JSONString.append(value, to: &bytes)
        #expect(bytes == Array("prefix".utf8) + JSONString.quoted(value))
    }

    @Test("The bytes are those JSONEncoder writes with .withoutEscapingSlashes (plan digests rely on it)")
    func sameAsJSONEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        var values = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }
        values += ["\u{2028}", "\u{FEFF}", "😀", "a/b", "mixed \u{0} \u{1F} \"q\" \\ end"]
        for value in values {
            let encoded = try encoder.encode([value])
            #expect(
                Array(encoded) == [UInt8(ascii: "[")] + JSONString.quoted(value) + [UInt8(ascii: "]")],
                "\(value.debugDescription)"
            )
        }
    }
}
