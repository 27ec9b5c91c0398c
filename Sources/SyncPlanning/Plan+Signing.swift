public import Foundation

extension Plan {
    /// The message the plan maker signs: a fixed label and the seal digest.
    /// - Parameter digest: the plan's ``digest``.
    /// - Returns: the bytes signed.
    static func signedMessage(digest: String) -> Data {
        Data("organizer-sync plan signature v1\n\(digest)\n".utf8)
    }

    /// The message a reviewer signs: a fixed label, the seal digest, their name, reason and time, each on its line
    /// (a line break inside the name or reason is refused when the approval is made).
    static func approvalMessage(digest: String, name: String, reason: String, approvedAt: String) -> Data {
        Data("organizer-sync plan approval v1\n\(digest)\n\(name)\n\(reason)\n\(approvedAt)\n".utf8)
    }

    /// The sealed plan signed with `key`; earlier approvals are dropped (they approved another digest).
    /// - Parameters:
    ///   - key: the plan maker's private key.
    ///   - keyName: the name written beside the signature, for readers.
    /// - Returns: the signed copy.
    /// - Throws: ``PlanError`` with code `notSealed` when the plan has no digest.
    public func signed(with key: PlanSigningKey, keyName: String) throws(PlanError) -> Plan {
        guard let digest else { throw PlanError(.notSealed) }
        var plan = self
        plan.signature = PlanSignature(
            keyName: keyName,
            keyFingerprint: key.fingerprint,
            signature: try key.sign(Self.signedMessage(digest: digest))
        )
        plan.approvals = nil
        return plan
    }

    /// The plan with a reviewer's approval added (replacing an earlier approval by the same key).
    /// - Parameters:
    ///   - key: the reviewer's private key.
    ///   - name: the reviewer's name (one line).
    ///   - reason: why they approve (one line).
    ///   - date: when.
    /// - Returns: the approved copy.
    /// - Throws: ``PlanError`` with code `notSealed`, or `malformed` for an empty or multi-line name or reason.
    public func approved(
        with key: PlanSigningKey,
        name: String,
        reason: String,
        at date: Date
    ) throws(PlanError)
        -> Plan
    {
        guard let digest else { throw PlanError(.notSealed) }
        for text in [name, reason] where text.isEmpty || text.contains(where: \.isNewline) {
            throw PlanError(.malformed, detail: "an approval's name and reason must be one non-empty line each")
        }
        let approvedAt = date.formatted(.iso8601)
        let approval = PlanApproval(
            name: name,
            reason: reason,
            approvedAt: approvedAt,
            keyFingerprint: key.fingerprint,
            signature: try key.sign(
                Self.approvalMessage(digest: digest, name: name, reason: reason, approvedAt: approvedAt)
            )
        )
        var plan = self
        plan.approvals = (approvals ?? []).filter { $0.keyFingerprint != key.fingerprint } + [approval]
        return plan
    }

    /// Verifies the seal, then that the plan maker's signature is valid and made by one of `trusted`.
    /// - Parameter trusted: the public keys `apply` accepts plans from.
    /// - Returns: the trusted key that signed.
    /// - Throws: ``PlanError``: a seal error, `notSigned`, `untrustedKey` or `badSignature`.
    @discardableResult
    public func verifySignature(trusted: [PlanPublicKey]) throws(PlanError) -> PlanPublicKey {
        try verify()
        guard let signature, let digest else { throw PlanError(.notSigned) }
        guard signature.algorithm == PlanSignature.ed25519 else {
            throw PlanError(.badSignature, detail: "algorithm \(signature.algorithm)")
        }
        let message = Self.signedMessage(digest: digest)
        // The fingerprint in the file is only a hint: every trusted key is tried, so a forged fingerprint gains nothing.
        guard let signer = trusted.first(where: { $0.isValidSignature(signature.signature, of: message) }) else {
            let isListed = trusted.contains { $0.fingerprint == signature.keyFingerprint }
            throw PlanError(
                isListed ? .badSignature : .untrustedKey,
                detail: "signed by key \(signature.keyFingerprint)"
            )
        }
        return signer
    }

    /// The approvals that are valid signatures over this plan's digest by one of `reviewers`, one per reviewer key
    /// (distinct keys, in the plan's order).
    /// - Parameter reviewers: the reviewers' public keys (`apply.reviewers`).
    /// - Returns: each valid approval with the reviewer key that made it.
    public func validApprovals(reviewers: [PlanPublicKey]) -> [(approval: PlanApproval, reviewer: PlanPublicKey)] {
        guard let digest else { return [] }
        var seen = Set<Data>()
        var result: [(approval: PlanApproval, reviewer: PlanPublicKey)] = []
        for approval in approvals ?? [] {
            let message = Self.approvalMessage(
                digest: digest,
                name: approval.name,
                reason: approval.reason,
                approvedAt: approval.approvedAt
            )
            guard
                let reviewer = reviewers.first(where: {
                    !seen.contains($0.rawKey) && $0.isValidSignature(approval.signature, of: message)
                })
            else { continue }
            seen.insert(reviewer.rawKey)
            result.append((approval, reviewer))
        }
        return result
    }
}
