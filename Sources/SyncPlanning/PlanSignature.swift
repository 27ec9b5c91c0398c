/// The plan maker's Ed25519 signature over a plan's seal digest.
///
/// It sits in the plan file beside the content it signs (``Plan/contentDigest()`` leaves it out), and signs the
/// message ``Plan/signedMessage(digest:)``, which binds the digest: a plan whose content was edited no longer
/// matches its digest, and a digest recomputed after an edit no longer matches the signature.
public struct PlanSignature: Sendable, Hashable, Codable {
    /// The only algorithm written and read: `ed25519`.
    public static let ed25519 = "ed25519"

    /// The signature algorithm; always ``ed25519`` today.
    public var algorithm: String
    /// The name the signer's key goes by (`signing.key_name`), for people reading the plan; not trusted.
    public var keyName: String
    /// The fingerprint of the signer's public key (``PlanPublicKey/fingerprint``).
    public var keyFingerprint: String
    /// The signature, base64.
    public var signature: String

    /// Creates a signature record.
    /// - Parameters:
    ///   - keyName: the signer's key name.
    ///   - keyFingerprint: the signer's public key fingerprint.
    ///   - signature: the Ed25519 signature, base64.
    public init(keyName: String, keyFingerprint: String, signature: String) {
        self.algorithm = Self.ed25519
        self.keyName = keyName
        self.keyFingerprint = keyFingerprint
        self.signature = signature
    }
}
