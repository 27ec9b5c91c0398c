import Crypto
import Foundation

extension CanonicalWriter {
    /// How many leading bytes of each element ``sortedArrayDigest(count:prefix:suffix:_:)`` keeps to sort by.
    ///
    /// A desired account starts with its anchor and an account as listed with its display name and email, so
    /// 64 bytes tell nearly all of them apart; elements equal that far are written again and compared whole.
    static let sortKeyWidth = 64

    /// SHA-256 (hex) over the canonical JSON array of `count` values, each written by `write`, sorted by
    /// their bytes so the order of the input does not matter (``CanonicalJSON/setDigest(_:)``'s definition).
    ///
    /// Only the first ``sortKeyWidth`` bytes and the length of each value are kept (64 MB for a million, and 4 bytes each for its length and place in the order,
    /// where one buffer of every value took over 300 MB); values are sorted by those, values equal that far
    /// are written again to compare the rest, and the values are written a last time, in order, into the hash.
    /// `write` must write the same bytes for an index each time. `prefix` and `suffix` are hashed before and
    /// after the array (for an array inside an object).
    static func sortedArrayDigest(
        count: Int,
        prefix: [UInt8] = [],
        suffix: [UInt8] = [],
        _ write: (inout CanonicalWriter, Int) -> Void
    ) -> String {
        let width = sortKeyWidth
        var keys = [UInt8](repeating: 0, count: count * width)
        var lengths = [Int32](repeating: 0, count: count)
        var writer = CanonicalWriter(capacity: 4096)
        // `write` gets an index, not a value: the caller reads the value in place (a copy retains every field).
        keys.withUnsafeMutableBufferPointer { keys in
            for index in 0..<count {
                writer.reset()
                write(&writer, index)
                lengths[index] = Int32(writer.bytes.count)
                let kept = min(width, writer.bytes.count)
                for offset in 0..<kept { keys[index * width + offset] = writer.bytes[offset] }
            }
        }
        var other = CanonicalWriter(capacity: 4096)
        /// Whether value `left` sorts before value `right`, once their kept bytes are equal and both are longer.
        func precedesWhole(_ left: Int, _ right: Int) -> Bool {
            writer.reset()
            write(&writer, left)
            other.reset()
            write(&other, right)
            return writer.bytes.lexicographicallyPrecedes(other.bytes)
        }
        var order = (0..<Int32(count)).map { $0 }
        keys.withUnsafeBytes { buffer in
            // Only an empty buffer (no values) has no base address, and then nothing is compared.
            guard let base = buffer.baseAddress else { return }
            order.sort { left, right in
                let (left, right) = (Int(left), Int(right))
                let (a, b) = (Int(lengths[left]), Int(lengths[right]))
                let compared = memcmp(base + left * width, base + right * width, min(width, a, b))
                if compared != 0 { return compared < 0 }
                // Equal as far as both were kept: the shorter first, unless both go on past the kept bytes.
                return a > width && b > width ? precedesWhole(left, right) : a < b
            }
        }
        var hash = SHA256()
        hash.update(data: prefix + [UInt8(ascii: "[")])
        for (position, index) in order.enumerated() {
            if position > 0 { hash.update(data: [UInt8(ascii: ",")]) }
            writer.reset()
            write(&writer, Int(index))
            writer.bytes.withUnsafeBytes { hash.update(bufferPointer: $0) }
        }
        hash.update(data: [UInt8(ascii: "]")] + suffix)
        return CanonicalJSON.hex(hash.finalize())
    }
}
