public import AuditLog
public import Logging
import OrganizerSyncCore
import SyncPlanning
import Synchronization

/// The intents a crash (`kill -9`, power loss) left without an outcome, found when the next run opens the log,
/// and their resolution: each gets one `recovered` record (the provider shows the change made) or one
/// `abandoned` record (it does not, or could not be asked; the next plan decides again from the provider's
/// accounts), linked to the intent by `intent_seq`.
///
/// A run resolves them after its `run-start` record, listing the accounts of each target concerned once; a run
/// that ends before it could (a tripped gate, a provider that cannot be listed) writes them `abandoned` with the
/// reason when it ends, so that no intent stays open behind the head the next run starts from.
public final class LeftoverIntents: Sendable {
    private let pending: Mutex<[AuditRecord]>

    /// Wraps the intents found without an outcome (see ``IntentLedger``).
    public init(_ intents: [AuditRecord]) {
        pending = Mutex(intents.filter { $0.type == .intent && $0.target != nil && $0.action != nil })
    }

    /// The intents not resolved yet.
    public var intents: [AuditRecord] { pending.withLock { $0 } }

    /// The targets the unresolved intents name.
    public var targets: Set<String> { pending.withLock { Set($0.compactMap(\.target)) } }

    /// Lists the accounts of each target an intent names and writes each intent's resolution (one flush for all).
    ///
    /// An intent whose target is not among `targets` is abandoned, with the reason.
    /// - Parameters:
    ///   - targets: the run's targets, with their providers.
    ///   - trail: the run's audit trail.
    ///   - logger: one line per target with what was found.
    /// - Throws: provider errors from a listing (the intents then stay for ``abandonUnresolved(trail:reason:)``);
    ///   audit log errors.
    public func resolve(targets: [ApplyTarget], trail: AuditTrail, logger: Logger) async throws {
        let intents = self.intents
        guard !intents.isEmpty else { return }
        var listings: [String: [ProviderAccount]] = [:]
        for name in Set(intents.compactMap(\.target)).sorted() {
            guard let target = targets.first(where: { $0.name == name }) else { continue }
            listings[name] = try await target.provider.listAccounts()
        }
        let resolutions = intents.map { intent in
            guard let accounts = listings[intent.target ?? ""] else {
                return Self.resolution(
                    intent,
                    isMade: false,
                    providerId: nil,
                    "not checked: target \(intent.target ?? "") is not part of this run; the next plan decides again"
                )
            }
            return Self.resolution(of: intent, accounts: accounts)
        }
        try write(resolutions, trail: trail)
        let recovered = resolutions.count(where: \.isMade)
        let abandoned = resolutions.count - recovered
        logger.notice(
            "intents a crash left without an outcome: \(recovered) found made (recovered), \(abandoned) not (abandoned)"
        )
    }

    /// Writes every intent not resolved yet as `abandoned`, with `reason` (the run ends without having listed the
    /// accounts).
    public func abandonUnresolved(trail: AuditTrail, reason: String) throws {
        let resolutions = intents.map {
            Self.resolution($0, isMade: false, providerId: nil, "not checked: \(reason); the next plan decides again")
        }
        try write(resolutions, trail: trail)
    }

    private func write(_ resolutions: [AuditEvent.Resolution], trail: AuditTrail) throws {
        guard !resolutions.isEmpty else { return }
        let resolved = Set(resolutions.map(\.intentSeq))
        _ = try trail.writer.appendAll(resolutions.map { .resolution($0) })
        pending.withLock { $0.removeAll { resolved.contains($0.seq) } }
    }

    /// Whether `accounts` (as the provider lists them now) show the intent's change made.
    static func resolution(of intent: AuditRecord, accounts: [ProviderAccount]) -> AuditEvent.Resolution {
        let email = intent.email.map(EmailPattern.normalize)
        let byID = intent.providerId.flatMap { id in accounts.first { $0.id == id } }
        let account = byID ?? email.flatMap { email in accounts.first { EmailPattern.normalize($0.email) == email } }
        let made: (Bool, String)
        switch intent.action {
        case .create?:
            made =
                account.map { (true, "the provider lists an account with the intent's email (\($0.status))") }
                ?? (false, "the provider lists no account with the intent's email")
        case .delete?, .withdrawInvitation?:
            made =
                byID == nil && (intent.providerId != nil || account == nil)
                ? (true, "the provider no longer lists the account")
                : (false, "the provider still lists the account")
        case .suspend?, .reactivate?, .update?:
            guard let account else {
                made = (false, "the provider no longer lists the account")
                break
            }
            let fields = AuditTrail.fields(of: account)
            let differing = (intent.after ?? [:]).filter { fields[$0.key] != $0.value }.keys.sorted()
            made =
                differing.isEmpty
                ? (true, "the account holds what the intent set")
                : (false, "the account does not hold what the intent set (\(differing.joined(separator: ", ")))")
        case nil:
            made = (false, "the intent names no action")
        }
        let message = made.0 ? "found made at the next run: \(made.1)" : "not found made: \(made.1); planned again"
        return resolution(intent, isMade: made.0, providerId: made.0 ? account?.id : nil, message)
    }

    private static func resolution(
        _ intent: AuditRecord,
        isMade: Bool,
        providerId: String?,
        _ message: String
    ) -> AuditEvent.Resolution {
        AuditEvent.Resolution(
            change: AuditEvent.Change(
                target: intent.target ?? "",
                provider: intent.provider ?? "",
                action: intent.action ?? .create,
                email: intent.email,
                anchor: intent.anchor,
                providerId: intent.providerId
            ),
            intentSeq: intent.seq,
            isMade: isMade,
            providerId: providerId,
            message: message
        )
    }
}
