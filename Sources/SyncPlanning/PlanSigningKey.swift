import Crypto
import Foundation

/// An Ed25519 private key that signs plans (`signing.private_key_*`) or approves them (`approve --key-file`).
///
/// The key is read from a secret reference and held only in memory; its descriptions never show it.
public struct PlanSigningKey: Sendable, CustomStringConvertible {
    private let key: Curve25519.Signing.PrivateKey

    /// A new random key (`keygen`).
    public init() { key = Curve25519.Signing.PrivateKey() }

    /// Reads a private key file's text: the raw 32-byte key as base64, as `keygen` writes it.
    /// - Parameter base64: the file's text; surrounding white space is ignored.
    /// - Throws: ``PlanError`` with code `malformed` (the detail never holds the key).
    public init(base64: String) throws(PlanError) {
        let text = base64.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Data(base64Encoded: text), raw.count == 32,
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else {
            throw PlanError(.malformed, detail: "the private key is not 32 bytes of base64 Ed25519")
        }
        self.key = key
    }

    /// The private key as base64, for `keygen` to write to its file (and nowhere else).
    public var privateBase64: String { key.rawRepresentation.base64EncodedString() }

    /// The matching public key, named `name`.
    public func publicKey(named name: String) -> PlanPublicKey {
        // The raw representation of a valid public key always reads back.
        // swift-format-ignore: NeverUseForceTry
        try! PlanPublicKey(name: name, base64: key.publicKey.rawRepresentation.base64EncodedString())
    }

    /// The public key's fingerprint.
    public var fingerprint: String { PlanPublicKey.fingerprint(of: key.publicKey.rawRepresentation) }

    /// Signs `message`; returns the signature as base64.
    func sign(_ message: Data) throws(PlanError) -> String {
        do {
            return try key.signature(for: message).base64EncodedString()
        } catch {
            throw PlanError(.encodingFailed, detail: "Ed25519 signing failed")
        }
    }

    public var description: String { "PlanSigningKey(\(fingerprint))" }
}
