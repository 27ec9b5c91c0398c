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
        var counts = (create: 0, update: 0, suspend: 0, reactivate: 0, delete: 0)
        for action in actions {
            switch action.kind {
            case .create: counts.create += 1
            case .update: counts.update += 1
            case .suspend: counts.suspend += 1
            case .reactivate: counts.reactivate += 1
            case .delete: counts.delete += 1
            }
        }
        self.create = counts.create
        self.update = counts.update
        self.suspend = counts.suspend
        self.reactivate = counts.reactivate
        self.delete = counts.delete
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
        }
    }
}
