public import AccountMapping
public import OrganizerSyncCore
public import SyncPlanning

/// Names in a target plan the directory users it has no action for: the users skipped for want of a usable
/// email, and the users of each conflict, with DN and login, so an admin finds them in the plan rather than only
/// as an anchor in a log line.
public enum PlanUsers {
    /// Adds the skipped users and the conflict members of `plan`, looked up in `snapshot`.
    /// - Parameters:
    ///   - plan: the target plan to complete.
    ///   - problems: the mapping problems of the target (only user problems without an account are listed).
    ///   - snapshot: the directory read the plan was made from.
    public static func complete(_ plan: inout TargetPlan, problems: [MappingProblem], snapshot: DirectorySnapshot) {
        let skipping = problems.filter { [.missingEmail, .invalidEmail].contains($0.code) && $0.anchor != nil }
        guard !skipping.isEmpty || !plan.conflicts.isEmpty else { return }
        let users = Dictionary(snapshot.users.map { ($0.anchor, $0) }, uniquingKeysWith: { first, _ in first })
        let skipped = skipping.compactMap { problem -> PlanUser? in
            guard let anchor = problem.anchor else { return nil }
            return PlanUser(
                anchor: anchor,
                dn: problem.dn ?? users[anchor]?.dn ?? "",
                login: users[anchor]?.username,
                reason: problem.code.description,
                message: problem.message
            )
        }
        plan.skipped = skipped.isEmpty ? nil : skipped.sorted { ($0.dn, $0.anchor) < ($1.dn, $1.anchor) }
        for index in plan.conflicts.indices {
            let members = plan.conflicts[index].anchors.compactMap { anchor in
                users[anchor].map { PlanUser(anchor: anchor, dn: $0.dn, login: $0.username) }
            }
            plan.conflicts[index].users = members.isEmpty ? nil : members
        }
    }
}
