import OrganizerSyncCore

/// Synthetic inputs for the in-process planning benchmark: a directory shaped like
/// `Scripts/fixtures/make-bench-directory.py`'s and a provider's accounts in the same mix as
/// `Scripts/fixtures/make-bench-seed.py` gives the simulator.
///
/// The mix, by user number `i` (from 1) and `r = i % 100`: `r < 5` has no account (a create), `5 ≤ r < 9` an
/// account with one field different (an update), `r == 9` an account whose email differs only in case (no
/// change), `r == 10` a suspended account (a reactivate); every other user a matching account. Every 50th user
/// is disabled (their active account is suspended). Unmanaged accounts (`ext<k>@partner.example.net`) fill the
/// account list up to the number of users; the first of them is the provider's administrator.
/// With `allUpdates` every matching account differs in its department instead (a plan of about 90% updates).
struct PlanBenchInputs {
    let snapshot: DirectorySnapshot
    let accounts: [ProviderAccount]

    static let given = [
        "Aaliyah", "Ahmed", "Aiko", "Alejandro", "Amara", "Anders", "Ananya", "Arjun", "Astrid", "Ben", "Bianca",
        "Carlos", "Chen", "Chloe", "Dario", "Dmitri", "Elena", "Emeka", "Emma", "Farah", "Felix", "Giulia",
    ]
    static let family = [
        "Abe", "Adams", "Alvarez", "Andersen", "Bauer", "Becker", "Bianchi", "Brown", "Castro", "Chen", "Costa",
        "Dubois", "Eriksson", "Fernandes", "Fischer", "Garcia", "Gupta", "Haddad", "Hansen", "Hoffmann", "Ito",
    ]
    static let departments = [
        "Engineering", "Sales", "Marketing", "Support", "Finance", "Operations", "Legal", "People", "Product",
        "Research",
    ]

    init(users: Int, provider: ProviderKind, allUpdates: Bool = false) {
        let groups = (0..<200).map { n in
            DirectoryGroup(
                dn: "cn=group-\(n),ou=groups,dc=example,dc=com",
                name: "group-\(n)",
                anchor: nil,
                nestedGroups: [],
                members: [],
                unresolvedMemberCount: 0
            )
        }
        var directoryUsers: [DirectoryUser] = []
        directoryUsers.reserveCapacity(users)
        var accounts: [ProviderAccount] = []
        accounts.reserveCapacity(users)
        let licence = Self.licence(for: provider)
        for i in 1...max(users, 1) where users > 0 {
            let given = Self.given[i % Self.given.count]
            let family = Self.family[(i * 7) % Self.family.count]
            let department = Self.departments[(i * 3) % Self.departments.count]
            let uid = "u" + String(i).leftPadded(to: 6)
            let mail = "\(given.lowercased()).\(family.lowercased()).\(i)@example.com"
            var attributes: [String: [String]] = [
                "uid": [uid], "cn": ["\(given) \(family)"], "sn": [family], "givenname": [given], "mail": [mail],
                "employeenumber": [String(100_000 + i)], "departmentnumber": [department],
            ]
            let isEnabled = i % 50 != 0
            if !isEnabled { attributes["employeetype"] = ["disabled"] }
            // About two groups per user, like the fixture's 197,000 member values for 100,000 users.
            var memberOf = [groups[i % 6].dn, groups[6 + i % 194].dn]
            if i % 5 == 0 { memberOf.append(groups[26 + i % 174].dn) }
            directoryUsers.append(
                DirectoryUser(
                    anchor: Self.anchor(i),
                    dn: "uid=\(uid),ou=people,dc=example,dc=com",
                    username: uid,
                    email: mail,
                    isEnabled: isEnabled,
                    attributes: attributes,
                    groups: memberOf.sorted()
                )
            )
            let r = i % 100
            guard r >= 5 else { continue }
            var account = ProviderAccount(
                id: Self.providerID(provider, i),
                email: r == 9 ? mail.uppercased() : mail,
                firstName: given,
                lastName: family,
                displayName: "\(given) \(family)",
                status: r == 10 ? .suspended : .active,
                licences: provider == .zoom || (provider == .goto && r == 10) ? [] : [licence],
                userType: provider == .zoom ? (r == 10 ? "1" : "2") : nil,
                roles: provider == .zoom ? ["2", "Member"] : [],
                fields: Self.fields(provider, department: department)
            )
            if allUpdates || r == 5 || r == 6 {
                account.fields = Self.fields(provider, department: "Old " + department)
            } else if r == 7 {
                account.lastName = family + "-Old"
            } else if r == 8, provider != .goto {
                account.displayName = "\(given) \(family) (old)"
            } else if r == 8 {
                account.firstName = given + "x"
            }
            accounts.append(account)
        }
        var k = 0
        while accounts.count < users {
            accounts.append(
                ProviderAccount(
                    id: Self.providerID(provider, 1_000_000 + k),
                    email: "ext\(k)@partner.example.net",
                    firstName: "External",
                    lastName: "Guest \(k)",
                    displayName: "External Guest \(k)",
                    status: .active,
                    licences: provider == .zoom ? [] : [licence],
                    userType: provider == .zoom ? "1" : nil,
                    roles: k == 0 ? (provider == .zoom ? ["0", "Owner"] : ["SUPER_USER"]) : [],
                    isAdmin: k == 0,
                    fields: Self.fields(provider, department: "Partners")
                )
            )
            k += 1
        }
        snapshot = DirectorySnapshot(users: directoryUsers, groups: groups, warnings: [])
        self.accounts = accounts
    }

    /// An entryUUID-like anchor.
    static func anchor(_ i: Int) -> String {
        let hex = String(i, radix: 16).leftPadded(to: 12)
        return "5f0c1e2a-0b7d-4c3e-9a1f-\(hex)"
    }

    static func providerID(_ provider: ProviderKind, _ i: Int) -> String {
        switch provider {
        case .goto: "7888888601" + String(i).leftPadded(to: 16)
        case .zoom: "Zu" + String(i, radix: 36).leftPadded(to: 20)
        case .webex: "Y2lzY29zcGFyazovL3VzL1BFT1BMRS83YTBiMWMyZC0wMDAwLTQwMDAtODAwMC0" + String(i).leftPadded(to: 12)
        }
    }

    static func licence(for provider: ProviderKind) -> String {
        provider == .goto ? "5839287156452918374" : "Y2lzY29zcGFyazovL3VzL0xJQ0VOU0UvTVNfNGMzZjhhMWUtMWQyYi00ZTVm"
    }

    /// The provider fields the connector reports for an account with this department.
    static func fields(_ provider: ProviderKind, department: String) -> [String: String] {
        switch provider {
        case .goto: [:]
        case .zoom: ["dept": department]
        case .webex: ["department": department, "type": "person"]
        }
    }
}

extension String {
    /// The string with `0`s in front up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
