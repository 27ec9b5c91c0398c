public import AccountMapping
public import OrganizerSyncCore
public import SyncPlanning

/// Names in a target plan the directory users it has no action for: the users skipped for want of a usable
/// email, and the users of each conflict, with DN and login, so an admin finds them in the plan rather than only
/// as an anchor in a log line.
public enum PlanUsers {
    /// What the plan names of each directory user (anchor, DN and login), kept so that the snapshot, with every
    /// attribute and group of every user, can be released before planning.
    ///
    /// Three parallel arrays in snapshot order: the strings are shared with the snapshot's (no copy), and a
    /// million users cost about 48 MB here against gigabytes for the snapshot.
    public struct Directory: Sendable {
        private var anchors: [String] = []
        private var dns: [String] = []
        private var logins: [String?] = []

        /// Keeps the anchor, DN and login of every user of `snapshot`.
        /// - Parameter snapshot: the directory as read.
        public init(_ snapshot: DirectorySnapshot) {
            anchors.reserveCapacity(snapshot.users.count)
            dns.reserveCapacity(snapshot.users.count)
            logins.reserveCapacity(snapshot.users.count)
            // By index: iterating copies each user, retaining every attribute.
            for index in snapshot.users.indices {
                anchors.append(snapshot.users[index].anchor)
                dns.append(snapshot.users[index].dn)
                logins.append(snapshot.users[index].username)
            }
        }

        /// The DN and login of the first user with each of `wanted`'s anchors, in one pass.
        func users(_ wanted: Set<String>) -> [String: (dn: String, login: String?)] {
            var found: [String: (dn: String, login: String?)] = [:]
            guard !wanted.isEmpty else { return found }
            for index in anchors.indices where found[anchors[index]] == nil && wanted.contains(anchors[index]) {
                found[anchors[index]] = (dns[index], logins[index])
            }
            return found
        }
    }

    /// Adds the skipped users and the conflict members of `plan`, looked up in `directory`.
    /// - Parameters:
    ///   - plan: the target plan to complete.
    ///   - problems: the mapping problems of the target (only user problems without an account are listed).
    ///   - directory: the users of the directory as read.
    public static func complete(_ plan: inout TargetPlan, problems: [MappingProblem], directory: Directory) {
        let skipping = problems.filter { [.missingEmail, .invalidEmail].contains($0.code) && $0.anchor != nil }
        guard !skipping.isEmpty || !plan.conflicts.isEmpty else { return }
        let users = directory.users(Set(skipping.compactMap(\.anchor) + plan.conflicts.flatMap(\.anchors)))
        let skipped = skipping.compactMap { problem -> PlanUser? in
            guard let anchor = problem.anchor else { return nil }
            return PlanUser(
                anchor: anchor,
                dn: problem.dn ?? users[anchor]?.dn ?? "",
                login: users[anchor]?.login,
                reason: problem.code.description,
                message: problem.message
            )
        }
        plan.skipped = skipped.isEmpty ? nil : skipped.sorted { ($0.dn, $0.anchor) < ($1.dn, $1.anchor) }
        for index in plan.conflicts.indices {
            let members = plan.conflicts[index].anchors.compactMap { anchor in
                users[anchor].map { PlanUser(anchor: anchor, dn: $0.dn, login: $0.login) }
            }
            plan.conflicts[index].users = members.isEmpty ? nil : members
        }
    }
}
