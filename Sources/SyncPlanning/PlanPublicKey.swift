import Crypto
public import Foundation

/// An Ed25519 public key that `apply` trusts: a plan maker's (`signing.trusted_keys`) or a reviewer's
/// (`apply.reviewers`), with the name the configuration gives it.
public struct PlanPublicKey: Sendable, Hashable {
    /// The name the configuration gives the key.
    public var name: String
    /// The raw 32-byte public key.
    public var rawKey: Data

    /// Reads a base64 public key (32 bytes once decoded, as `keygen` prints it).
    /// - Parameters:
    ///   - name: the key's name.
    ///   - base64: the key, base64; surrounding white space is ignored.
    /// - Throws: ``PlanError`` with code `malformed` when the text is not a base64 Ed25519 public key.
    public init(name: String, base64: String) throws(PlanError) {
        let text = base64.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Data(base64Encoded: text), raw.count == 32,
            (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil
        else {
            throw PlanError(.malformed, detail: "public key '\(name)' is not 32 bytes of base64 Ed25519")
        }
        self.name = name
        self.rawKey = raw
    }

    /// `sha256:` and the first 32 hex digits of SHA-256 over the raw key: what plans and approvals name.
    public var fingerprint: String { Self.fingerprint(of: rawKey) }

    /// The key as base64, as `keygen` prints it.
    public var base64: String { rawKey.base64EncodedString() }

    /// The fingerprint of a raw public key.
    static func fingerprint(of raw: Data) -> String {
        "sha256:" + CanonicalJSON.sha256Hex(raw).prefix(32)
    }

    /// Whether `signature` (base64) is this key's Ed25519 signature of `message`.
    func isValidSignature(_ signature: String, of message: Data) -> Bool {
        guard let bytes = Data(base64Encoded: signature), bytes.count == 64,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: rawKey)
        else { return false }
        return key.isValidSignature(bytes, for: message)
    }
}
