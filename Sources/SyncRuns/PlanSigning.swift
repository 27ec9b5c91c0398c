import Foundation
public import Logging
import OrganizerSyncCore
public import SyncApply
public import SyncConfiguration
public import SyncPlanning

/// The `signing:` section put to work: `plan` signs with the plan maker's key, `apply` trusts the listed keys.
public enum PlanSigning {
    /// Signs `plan` with `signing.private_key_*` when one is configured; otherwise returns it as it is.
    /// - Throws: `SecretError` when the key cannot be read, `PlanError` when it is not an Ed25519 key.
    public static func signed(_ plan: Plan, configuration: Configuration) throws -> Plan {
        guard let reference = configuration.signing.privateKey else { return plan }
        let key = try PlanSigningKey(base64: try reference.resolve().value)
        return try plan.signed(with: key, keyName: configuration.signing.keyName)
    }

    /// Whom `apply` trusts, from `signing.trusted_keys`, `apply.reviewers` and `apply.require_approvals`.
    public static func trust(_ configuration: Configuration) throws -> PlanTrust {
        let signing = configuration.signing
        return PlanTrust(
            trustedKeys: try signing.trustedKeys.map { try PlanPublicKey(name: $0.name, base64: $0.publicKey) },
            requiredApprovals: signing.requiredApprovals,
            reviewers: try signing.reviewers.map { try PlanPublicKey(name: $0.name, base64: $0.publicKey) }
        )
    }

    /// Warns on standard error that plans are only checksummed, when no key is configured.
    public static func warnIfChecksumOnly(_ configuration: Configuration, logger: Logger) {
        guard !configuration.signing.isConfigured else { return }
        logger.warning("\(SigningConfiguration.checksumOnlyWarning)")
    }
}
