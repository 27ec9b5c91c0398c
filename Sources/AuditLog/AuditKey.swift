import Crypto

/// The secret key of the audit log's checkpoints: HMAC-SHA-256 over a record's seq and hash.
///
/// The key lives outside the state folder (named by reference in the `audit:` section of the configuration), so
/// that someone who can rewrite both the log and the state store cannot make checkpoints that verify. The key's
/// bytes never leave this type: ``description`` and ``keyID`` do not reveal them.
public struct AuditKey: Sendable, CustomStringConvertible {
    /// The smallest key accepted, in bytes: HMAC-SHA-256's security rests on at least 128 bits of key.
    public static let minimumLength = 16

    private let key: SymmetricKey

    /// A MAC of a fixed text under the key, naming the key in checkpoint records without revealing it.
    public let keyID: String

    /// Makes a key from its bytes (for example the contents of the key file, without a final newline).
    ///
    /// The initializer fails (is `nil`) when the key is shorter than ``minimumLength``.
    /// - Parameter bytes: the key; at least ``minimumLength`` bytes.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count >= Self.minimumLength else { return nil }
        key = SymmetricKey(data: Array(bytes))
        keyID = String(
            AuditRecord.hex(HMAC<SHA256>.authenticationCode(for: Array("organizer-sync audit key id".utf8), using: key))
                .prefix(16)
        )
    }

    /// The MAC a checkpoint carries for the record with `seq` whose line hashes to `hash`.
    /// - Parameters:
    ///   - seq: the seq of the record covered (the one before the checkpoint).
    ///   - hash: that record's line hash (the checkpoint's `prev`).
    /// - Returns: lower-case hex HMAC-SHA-256 over `organizer-sync checkpoint v1 SEQ HASH`.
    public func mac(seq: Int, hash: String) -> String {
        let message = Array("organizer-sync checkpoint v1 \(seq) \(hash)".utf8)
        return AuditRecord.hex(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    /// Whether `mac` is the MAC of (`seq`, `hash`), compared in constant time.
    public func isValid(mac: String, seq: Int, hash: String) -> Bool {
        let expected = Array(self.mac(seq: seq, hash: hash).utf8)
        let given = Array(mac.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(expected, given) { difference |= left ^ right }
        return difference == 0
    }

    public var description: String { "audit key \(keyID)" }
}
