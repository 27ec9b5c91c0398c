/// A reviewer's approval of a plan: their Ed25519 signature over the plan's seal digest, their name and reason.
///
/// Approvals sit in the plan file outside the sealed content (``Plan/contentDigest()`` leaves them out), so
/// adding one does not change the digest the plan maker signed. The signed message
/// (``Plan/approvalMessage(digest:name:reason:approvedAt:)``) binds the digest, the name, the reason and the time,
/// so none of them can be changed or moved to another plan.
public struct PlanApproval: Sendable, Hashable, Codable {
    /// The reviewer's name as they gave it (`approve --name`).
    public var name: String
    /// Why they approve (`approve --reason`).
    public var reason: String
    /// When they approved, ISO 8601 in UTC.
    public var approvedAt: String
    /// The fingerprint of the reviewer's public key (``PlanPublicKey/fingerprint``).
    public var keyFingerprint: String
    /// The Ed25519 signature, base64.
    public var signature: String

}
