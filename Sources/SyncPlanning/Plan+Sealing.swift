import Crypto
public import Foundation

extension Plan {
    /// The digest of the plan's content: every field but ``digest``, ``signature`` and ``approvals``, in canonical JSON.
    /// - Returns: `sha256:` and 64 hex digits.
    /// - Throws: never today (the hand-written canonical JSON cannot fail); kept for plans whose encoding can.
    public func contentDigest() throws(PlanError) -> String {
        var content = self
        content.digest = nil
        content.signature = nil
        content.approvals = nil
        // The same bytes as `CanonicalJSON.encode(content)`, written by hand: JSONEncoder takes about a
        // second for a plan of 100,000 accounts. They are hashed as they are written, never held whole.
        var hash = SHA256()
        var writer = CanonicalWriter(streamingTo: { hash.update(bufferPointer: $0) })
        writer.write(content)
        writer.flush()
        return "sha256:" + CanonicalJSON.hex(hash.finalize())
    }

    /// The plan with its digest set.
    /// - Returns: a sealed copy.
    /// - Throws: ``PlanError`` with code `encodingFailed` if the plan cannot be encoded.
    public func sealed() throws(PlanError) -> Plan {
        var plan = self
        plan.digest = try contentDigest()
        return plan
    }

    /// Checks the format version and that the digest matches the content.
    /// - Throws: ``PlanError`` with code `unsupportedFormatVersion`, `notSealed` or `digestMismatch`.
    public func verify() throws(PlanError) {
        guard formatVersion == Plan.currentFormatVersion else {
            throw PlanError(.unsupportedFormatVersion, detail: "format version \(formatVersion)")
        }
        guard let digest else { throw PlanError(.notSealed) }
        let expected = try contentDigest()
        guard expected == digest else {
            throw PlanError(.digestMismatch, detail: "expected \(expected), found \(digest)")
        }
    }

    /// The plan file: pretty-printed JSON with sorted keys and a final newline.
    /// - Returns: the file's bytes.
    /// - Throws: ``PlanError`` with code `encodingFailed` if the plan cannot be encoded.
    public func encoded() throws(PlanError) -> Data {
        // The same bytes as JSONEncoder with [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes], written
        // by hand (see CanonicalWriter); like JSONEncoder, a non-finite number is refused.
        // Streamed into the Data, which grows in place, rather than a byte array copied into it at the end
        // (twice the file's size at once: 600 MB for a million users).
        var data = Data()
        var writer = CanonicalWriter(
            pretty: true,
            streamingTo: { chunk in
                if let base = chunk.baseAddress {
                    data.append(base.assumingMemoryBound(to: UInt8.self), count: chunk.count)
                }
            }
        )
        writer.write(self)
        writer.flush()
        guard !writer.hasNonFiniteNumber else {
            throw PlanError(.encodingFailed, detail: "a number in the plan is not finite")
        }
        data.append(0x0A)
        return data
    }

    /// Reads a plan file and verifies its seal.
    /// - Parameter data: the file's bytes.
    /// - Returns: the verified plan.
    /// - Throws: ``PlanError`` with code `malformed`, `unsupportedFormatVersion`, `notSealed` or
    ///   `digestMismatch`.
    public static func decodeVerified(from data: Data) throws(PlanError) -> Plan {
        let plan = try decode(from: data)
        try plan.verify()
        return plan
    }

    /// Reads a plan file without checking its seal (for `show`-like commands; `apply` uses
    /// ``decodeVerified(from:)``).
    /// - Parameter data: the file's bytes.
    /// - Returns: the plan.
    /// - Throws: ``PlanError`` with code `malformed`.
    public static func decode(from data: Data) throws(PlanError) -> Plan {
        do {
            return try JSONDecoder().decode(Plan.self, from: data)
        } catch {
            throw PlanError(.malformed, detail: String(describing: error))
        }
    }
}
