import AccountMapping
import OrganizerSyncCore

/// Small directory fixtures: groups live under `ou=groups,dc=example,dc=com`.
enum Fixtures {
    static func groupDN(_ name: String) -> String { "cn=\(name),ou=groups,dc=example,dc=com" }

    /// A user whose `groups` are the DNs of the named groups (already transitive, as the reader gives them).
    static func user(
        _ uid: String,
        isEnabled: Bool = true,
        groups: [String] = [],
        _ attributes: [String: [String]] = [:]
    ) -> DirectoryUser {
        var lowered: [String: [String]] = [:]
        for (name, values) in attributes { lowered[name.lowercased()] = values }
        return DirectoryUser(
            anchor: "anchor-\(uid)",
            dn: "uid=\(uid),ou=people,dc=example,dc=com",
            username: uid,
            email: lowered["mail"]?.first,
            isEnabled: isEnabled,
            attributes: lowered,
            groups: groups.map(groupDN).sorted()
        )
    }

    /// Groups: `team-a` nested in `meeting-hosts`, plus `webinar-hosts` and `sales`.
    static let groups = ["meeting-hosts", "team-a", "webinar-hosts", "sales"].map {
        DirectoryGroup(
            dn: groupDN($0),
            name: $0,
            anchor: nil,
            nestedGroups: $0 == "meeting-hosts" ? [groupDN("team-a")] : [],
            members: [],
            unresolvedMemberCount: 0
        )
    }

    static let index = DirectoryIndex(groups: groups)

    static func snapshot(_ users: [DirectoryUser]) -> DirectorySnapshot {
        DirectorySnapshot(users: users, groups: groups, warnings: [])
    }

    /// Ada: in team-a (so in meeting-hosts through nesting), multi-valued mail, Unicode names.
    static let ada = user(
        "ada",
        groups: ["team-a", "meeting-hosts"],
        [
            "mail": ["Ada.Lovelace@Example.COM", "ada@old.example.com"],
            "givenName": ["  Ada "],
            "sn": ["Lovelace"],
            "cn": ["Ada Lovelace"],
            "department": ["Research"],
            "title": ["Analyst", "Countess"],
            "employeeType": ["staff"],
            "employeeNumber": ["1815"],
        ]
    )

    /// Jürgen: only in sales, no department, accented names.
    static let jurgen = user(
        "jurgen",
        groups: ["sales"],
        ["mail": ["juergen@example.com"], "givenName": ["Jürgen"], "sn": ["Ößmann"], "employeeType": ["contractor"]]
    )
}
