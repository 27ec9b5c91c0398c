import OrganizerSyncCore
import SyncApply
import SyncConfiguration
import SyncPlanning

extension ValidationRun {
    /// Checks the `signing:` section: the private key reads and is an Ed25519 key, and whether apply would
    /// trust the plans it signs.
    ///
    /// Without any key, prints the checksum-only warning (not a failure).
    static func checkSigning(_ configuration: Configuration, into report: inout ValidationReport) {
        let signing = configuration.signing
        guard signing.isConfigured else {
            report.add("signing", .warning, SigningConfiguration.checksumOnlyWarning)
            return
        }
        do {
            let trust = try PlanSigning.trust(configuration)
            if let reference = signing.privateKey {
                let key = try PlanSigningKey(base64: try reference.resolve().value)
                let isTrusted = trust.trustedKeys.contains { $0.fingerprint == key.fingerprint }
                report.add(
                    "signing",
                    .ok,
                    "plans are signed with \(reference) (\(key.fingerprint))"
                        + (isTrusted ? ", a trusted key" : "; WARNING: this key is not in signing.trusted_keys")
                )
            }
            report.add(
                "signing",
                .note,
                "apply trusts \(trust.trustedKeys.count) key(s)"
                    + (trust.trustedKeys.isEmpty ? " (WARNING: unsigned plans are accepted)" : "")
                    + "; approvals required: \(trust.requiredApprovals) of \(trust.reviewers.count) reviewer(s)"
            )
        } catch {
            report.add("signing", .failed, "\(error)")
        }
    }
}
