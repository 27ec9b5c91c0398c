public import OrganizerSyncCore

/// The plan for one target: the actions, the reports, and the gates it tripped.
public struct TargetPlan: Sendable, Hashable, Codable {
    /// The target's name in the configuration.
    public var target: String
    /// The provider behind the target.
    public var provider: ProviderKind
    /// SHA-256 (hex) over the canonical JSON of the desired accounts (the directory side), in canonical order
    /// (see ``CanonicalJSON/setDigest(_:)``).
    public var directoryDigest: String
    /// SHA-256 (hex) over the canonical JSON of the provider's accounts, in canonical order.
    public var providerDigest: String
    /// SHA-256 (hex) over the canonical JSON of the state store's view of the target, records in canonical order.
    public var stateDigest: String
    /// How many users were in scope (the desired accounts, enabled or not).
    public var inScopeCount: Int
    /// How many accounts the provider listed.
    public var accountCount: Int
    /// Counts per action kind and per report.
    public var summary: PlanSummary
    /// The actions, in a stable order: by kind (create, update, reactivate, suspend, delete), then email.
    public var actions: [PlannedAction]
    /// Users and accounts that could not be matched one to one; none of them is touched.
    public var conflicts: [PlanConflict]
    /// Accounts the plan would have changed but the policy protects.
    public var protected: [ProtectedAccountReport]
    /// Accounts nobody manages, and what the policy does with them.
    public var unmanaged: [UnmanagedAccountReport]
    /// Suspended accounts whose grace period before deletion is still running.
    public var deferredDeletions: [DeferredDeletion]
    /// The thresholds and guards tripped; empty when the plan may be applied.
    public var gates: [BlockedGate]
    /// Users matched to accounts the state store does not record that way yet; `apply` records them.
    public var links: [AccountLink]
    /// Users in scope for whom no account is planned (no email, an email that is not an address), with DN and
    /// login; `nil` when there are none (and in plans made before they were recorded).
    public var skipped: [PlanUser]?

    /// Creates a target plan; ``summary`` is computed from the actions and reports.
    /// - Parameters:
    ///   - target: the target's name.
    ///   - provider: the provider.
    ///   - directoryDigest: the digest of the directory side.
    ///   - providerDigest: the digest of the provider side.
    ///   - stateDigest: the digest of the state.
    ///   - inScopeCount: the users in scope.
    ///   - accountCount: the accounts listed.
    ///   - actions: the actions.
    ///   - conflicts: the conflicts.
    ///   - protected: the protected accounts.
    ///   - unmanaged: the unmanaged accounts.
    ///   - deferredDeletions: the grace periods running.
    ///   - gates: the gates tripped.
    ///   - links: the matches to record in the state store.
    public init(
        target: String,
        provider: ProviderKind,
        directoryDigest: String,
        providerDigest: String,
        stateDigest: String,
        inScopeCount: Int,
        accountCount: Int,
        actions: [PlannedAction],
        conflicts: [PlanConflict],
        protected: [ProtectedAccountReport],
        unmanaged: [UnmanagedAccountReport],
        deferredDeletions: [DeferredDeletion],
        gates: [BlockedGate],
        links: [AccountLink] = []
    ) {
        self.target = target
        self.provider = provider
        self.directoryDigest = directoryDigest
        self.providerDigest = providerDigest
        self.stateDigest = stateDigest
        self.inScopeCount = inScopeCount
        self.accountCount = accountCount
        self.summary = PlanSummary(
            actions: actions,
            conflicts: conflicts.count,
            protected: protected.count,
            unmanaged: unmanaged.count
        )
        self.actions = actions
        self.conflicts = conflicts
        self.protected = protected
        self.unmanaged = unmanaged
        self.deferredDeletions = deferredDeletions
        self.gates = gates
        self.links = links
    }

    private enum CodingKeys: String, CodingKey {
        case target, provider, directoryDigest, providerDigest, stateDigest, inScopeCount, accountCount, summary
        case actions, conflicts, protected, unmanaged, deferredDeletions, gates, links, skipped
    }

    /// Decodes a target plan; `links` may be absent (plans written before links were recorded).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        target = try container.decode(String.self, forKey: .target)
        provider = try container.decode(ProviderKind.self, forKey: .provider)
        directoryDigest = try container.decode(String.self, forKey: .directoryDigest)
        providerDigest = try container.decode(String.self, forKey: .providerDigest)
        stateDigest = try container.decode(String.self, forKey: .stateDigest)
        inScopeCount = try container.decode(Int.self, forKey: .inScopeCount)
        accountCount = try container.decode(Int.self, forKey: .accountCount)
        summary = try container.decode(PlanSummary.self, forKey: .summary)
        actions = try container.decode([PlannedAction].self, forKey: .actions)
        conflicts = try container.decode([PlanConflict].self, forKey: .conflicts)
        protected = try container.decode([ProtectedAccountReport].self, forKey: .protected)
        unmanaged = try container.decode([UnmanagedAccountReport].self, forKey: .unmanaged)
        deferredDeletions = try container.decode([DeferredDeletion].self, forKey: .deferredDeletions)
        gates = try container.decode([BlockedGate].self, forKey: .gates)
        links = try container.decodeIfPresent([AccountLink].self, forKey: .links) ?? []
        skipped = try container.decodeIfPresent([PlanUser].self, forKey: .skipped)
    }

    /// Whether a threshold or guard tripped.
    public var isBlocked: Bool { !gates.isEmpty }

    /// Whether the plan changes nothing.
    public var hasChanges: Bool { !actions.isEmpty }
}
