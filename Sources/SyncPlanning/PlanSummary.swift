public import OrganizerSyncCore

/// How many actions of each kind a target plan holds, and how many accounts it reports.
public struct PlanSummary: Sendable, Hashable, Codable {
    /// Creates planned.
    public var create: Int
    /// Updates planned.
    public var update: Int
    /// Suspends planned.
    public var suspend: Int
    /// Reactivations planned.
    public var reactivate: Int
    /// Deletes planned.
    public var delete: Int
    /// Invitations to withdraw.
    ///
    /// Written to the plan file only when not zero, so plans without any keep the
    /// encoding (and seal) they had before this kind existed.
    public var withdrawInvitation: Int
    /// Conflicts reported.
    public var conflicts: Int
    /// Protected accounts reported.
    public var protected: Int
    /// Unmanaged accounts reported.
    public var unmanaged: Int

    /// Counts the actions and reports.
    /// - Parameters:
    ///   - actions: the planned actions.
    ///   - conflicts: the number of conflicts.
    ///   - protected: the number of protected accounts.
    ///   - unmanaged: the number of unmanaged accounts.
    public init(actions: [PlannedAction], conflicts: Int, protected: Int, unmanaged: Int) {
        var counts = (create: 0, update: 0, suspend: 0, reactivate: 0, delete: 0, withdrawInvitation: 0)
        for action in actions {
            switch action.kind {
            case .create: counts.create += 1
            case .update: counts.update += 1
            case .suspend: counts.suspend += 1
            case .reactivate: counts.reactivate += 1
            case .delete: counts.delete += 1
            case .withdrawInvitation: counts.withdrawInvitation += 1
            }
        }
        self.create = counts.create
        self.update = counts.update
        self.suspend = counts.suspend
        self.reactivate = counts.reactivate
        self.delete = counts.delete
        self.withdrawInvitation = counts.withdrawInvitation
        self.conflicts = conflicts
        self.protected = protected
        self.unmanaged = unmanaged
    }

    /// The number of actions of `kind`.
    /// - Parameter kind: the action kind.
    /// - Returns: the count.
    public func count(of kind: ActionKind) -> Int {
        switch kind {
        case .create: create
        case .update: update
        case .suspend: suspend
        case .reactivate: reactivate
        case .delete: delete
        case .withdrawInvitation: withdrawInvitation
        }
    }

    private enum CodingKeys: String, CodingKey {
        case create, update, suspend, reactivate, delete, withdrawInvitation, conflicts, protected, unmanaged
    }

    /// Decodes a summary; `withdrawInvitation` is absent when zero.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        create = try container.decode(Int.self, forKey: .create)
        update = try container.decode(Int.self, forKey: .update)
        suspend = try container.decode(Int.self, forKey: .suspend)
        reactivate = try container.decode(Int.self, forKey: .reactivate)
        delete = try container.decode(Int.self, forKey: .delete)
        withdrawInvitation = try container.decodeIfPresent(Int.self, forKey: .withdrawInvitation) ?? 0
        conflicts = try container.decode(Int.self, forKey: .conflicts)
        protected = try container.decode(Int.self, forKey: .protected)
        unmanaged = try container.decode(Int.self, forKey: .unmanaged)
    }

    /// Encodes a summary, leaving out `withdrawInvitation` when zero (as the canonical writer does).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(create, forKey: .create)
        try container.encode(update, forKey: .update)
        try container.encode(suspend, forKey: .suspend)
        try container.encode(reactivate, forKey: .reactivate)
        try container.encode(delete, forKey: .delete)
        if withdrawInvitation != 0 { try container.encode(withdrawInvitation, forKey: .withdrawInvitation) }
        try container.encode(conflicts, forKey: .conflicts)
        try container.encode(protected, forKey: .protected)
        try container.encode(unmanaged, forKey: .unmanaged)
    }
}
