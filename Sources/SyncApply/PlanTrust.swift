public import SyncPlanning

/// Whom `apply` trusts to vouch for a plan: the plan makers' public keys (`signing.trusted_keys`) and the
/// reviewers whose approvals count (`apply.reviewers`, `apply.require_approvals`).
///
/// With no trusted key, a plan's checksum is all that is checked (and every apply warns); once a key is trusted,
/// an unsigned plan, a plan with a recomputed checksum only, or one signed by any other key is refused.
public struct PlanTrust: Sendable {
    /// The plan makers' keys; empty means plans are only checksummed.
    public var trustedKeys: [PlanPublicKey]
    /// How many distinct reviewers must have approved.
    public var requiredApprovals: Int
    /// The reviewers whose approvals count.
    public var reviewers: [PlanPublicKey]

    /// Creates a trust policy.
    public init(trustedKeys: [PlanPublicKey] = [], requiredApprovals: Int = 0, reviewers: [PlanPublicKey] = []) {
        self.trustedKeys = trustedKeys
        self.requiredApprovals = requiredApprovals
        self.reviewers = reviewers
    }

    /// Checks the plan's seal, signature and approvals.
    /// - Parameter plan: the plan as read.
    /// - Returns: who vouched for it, one line each (`signed by NAME (fingerprint)`,
    ///   `approved by NAME (fingerprint): REASON`), for the run-start audit record.
    /// - Throws: ``ApplyError`` with code `planTampered`, `untrustedSignature` or `notApproved`.
    public func check(_ plan: Plan) throws(ApplyError) -> [String] {
        var vouchers: [String] = []
        do {
            if trustedKeys.isEmpty {
                try plan.verify()
            } else {
                let signer = try plan.verifySignature(trusted: trustedKeys)
                vouchers.append("signed by \(signer.name) (\(signer.fingerprint))")
            }
        } catch  where [.notSigned, .untrustedKey, .badSignature].contains(error.code) {
            throw ApplyError(.untrustedSignature, "\(error); nothing was changed")
        } catch {
            throw ApplyError(
                .planTampered,
                "the plan's seal does not verify: \(error); the file changed after plan wrote it: make a new plan "
                    + "with plan --out"
            )
        }
        guard requiredApprovals > 0 else { return vouchers }
        let approvals = plan.validApprovals(reviewers: reviewers)
        guard approvals.count >= requiredApprovals else {
            let given = plan.approvals?.count ?? 0
            throw ApplyError(
                .notApproved,
                "apply.require_approvals is \(requiredApprovals) and the plan has \(approvals.count) valid approval(s) "
                    + "from distinct apply.reviewers (\(given) in the file); ask a reviewer to run organizer-sync "
                    + "approve PLAN; nothing was changed"
            )
        }
        for (approval, reviewer) in approvals {
            vouchers.append(
                "approved by \(reviewer.name) (\(reviewer.fingerprint)) at \(approval.approvedAt): \(approval.reason)"
            )
        }
        return vouchers
    }
}
