import Crypto
public import Foundation

/// The canonical JSON form that digests are computed over: sorted keys, no white space, unescaped slashes.
public enum CanonicalJSON {
    /// Encodes `value` canonically.
    /// - Parameter value: the value to encode.
    /// - Returns: the canonical bytes.
    /// - Throws: `EncodingError` when the value's own `encode(to:)` throws.
    public static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "+Infinity",
            negativeInfinity: "-Infinity",
            nan: "NaN"
        )
        return try encoder.encode(value)
    }

    /// SHA-256, as lower-case hex, of `data`.
    /// - Parameter data: the bytes to hash (`Data`, `[UInt8]`).
    /// - Returns: 64 hex digits.
    public static func sha256Hex(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    /// A digest as lower-case hex.
    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// SHA-256 (hex) over the canonical JSON of `value`.
    ///
    /// The synthesized `Codable` values of this package always encode (non-finite numbers become strings);
    /// a value whose custom encoding throws gets the digest of the empty input.
    /// - Parameter value: the value to digest.
    /// - Returns: 64 hex digits.
    public static func digest(_ value: some Encodable) -> String {
        sha256Hex((try? encode(value)) ?? Data())
    }

    /// SHA-256 (hex) over the canonical JSON array of `values` in canonical order: each element is encoded
    /// canonically and the elements are sorted by their bytes, so the digest does not depend on input order.
    /// - Parameter values: the elements.
    /// - Returns: 64 hex digits.
    public static func setDigest(_ values: [some Encodable]) -> String {
        sha256Hex(canonicalArray(values))
    }

    /// The canonical JSON array of `values`, sorted by each element's canonical bytes.
    static func canonicalArray(_ values: [some Encodable]) -> Data {
        let elements = values.map { (try? encode($0)) ?? Data() }.sorted {
            $0.lexicographicallyPrecedes($1)
        }
        var data = Data("[".utf8)
        for (index, element) in elements.enumerated() {
            if index > 0 { data.append(UInt8(ascii: ",")) }
            data.append(element)
        }
        data.append(UInt8(ascii: "]"))
        return data
    }
}
