import OrganizerSyncCore

/// A small seeded random generator (``SplitMix64``), so runs with the same seed are reproducible.
struct SimulatorRandom: RandomNumberGenerator, Sendable {
    private var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { generator.next() }

    /// A uniform value in `0..<1`.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// `true` with the given probability.
    mutating func chance(_ probability: Double) -> Bool { probability > 0 && unit() < probability }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// A random URL-safe string such as a Zoom user id.
    mutating func token(length: Int) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(length)
        for _ in 0..<length { bytes.append(Self.alphabet[Int(next() % 64)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A random decimal string of `digits` digits, no leading zero (GoTo keys exceed 64 bits).
    mutating func digits(_ digits: Int) -> String {
        var s = String(Character(Unicode.Scalar(UInt8(49 + next() % 9))))
        for _ in 1..<digits { s.append(Character(Unicode.Scalar(UInt8(48 + next() % 10)))) }
        return s
    }

    /// A random UUID string (lower case).
    mutating func uuid() -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for i in 0..<32 {
            if [8, 12, 16, 20].contains(i) { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(next() % 16)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
