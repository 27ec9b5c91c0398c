public import OrganizerSyncCore

/// What mapping a directory snapshot for one target produced.
public struct MappingResult: Sendable {
    /// The desired accounts, in snapshot order: selected users with an email (enabled or not).
    public var accounts: [DesiredAccount]
    /// Users in scope that could not be mapped, and groups the mapping names that the directory lacks.
    public var problems: [MappingProblem]
    /// How many users of the snapshot the scope did not select.
    public var outOfScopeCount: Int
}
