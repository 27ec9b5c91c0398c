import OrganizerSyncCore
import SyncApply
import SyncConfiguration
import SyncPlanning
import SyncRuns

extension ValidateCommand {
    /// Checks the `signing:` section: the private key reads and is an Ed25519 key, and whether apply would
    /// trust the plans it signs. Without any key, prints the checksum-only warning (not a failure).
    /// - Returns: whether the section is usable.
    func checkSigning(_ configuration: Configuration) -> Bool {
        let signing = configuration.signing
        guard signing.isConfigured else {
            print("signing: WARNING: \(SigningConfiguration.checksumOnlyWarning)")
            return true
        }
        do {
            let trust = try PlanSigning.trust(configuration)
            if let reference = signing.privateKey {
                let key = try PlanSigningKey(base64: try reference.resolve().value)
                let isTrusted = trust.trustedKeys.contains { $0.fingerprint == key.fingerprint }
                print(
                    "signing: OK: plans are signed with \(reference) (\(key.fingerprint))"
                        + (isTrusted ? ", a trusted key" : "; WARNING: this key is not in signing.trusted_keys")
                )
            }
            print(
                "signing: apply trusts \(trust.trustedKeys.count) key(s)"
                    + (trust.trustedKeys.isEmpty ? " (WARNING: unsigned plans are accepted)" : "")
                    + "; approvals required: \(trust.requiredApprovals) of \(trust.reviewers.count) reviewer(s)"
            )
            return true
        } catch {
            print("signing: FAILED: \(error)")
            return false
        }
    }
}
