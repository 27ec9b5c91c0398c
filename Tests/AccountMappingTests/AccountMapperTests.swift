import AccountMapping
import Foundation
import OrganizerSyncCore
import Testing

@Suite("Mapping users to desired accounts: scope, fields, licences")
struct AccountMapperTests {
    static let fields = [
        TargetMapping.Field(name: "email", expression: try! MappingExpression("lower(first(mail))")),
        TargetMapping.Field(name: "first_name", expression: try! MappingExpression("trim(givenName)")),
        TargetMapping.Field(name: "last_name", expression: try! MappingExpression("sn")),
        TargetMapping.Field(
            name: "display_name",
            expression: try! MappingExpression("join(\" \", trim(givenName), sn)")
        ),
        TargetMapping.Field(name: "dept", expression: try! MappingExpression("department")),
    ]

    static func mapping(
        _ scope: ScopeRule = ScopeRule(),
        licences: LicencePolicy = LicencePolicy(),
        provider: ProviderKind = .zoom
    ) -> AccountMapper {
        AccountMapper(mapping: TargetMapping(provider: provider, scope: scope, fields: fields, licences: licences))
    }

    static let disabledHost = Fixtures.user(
        "grace",
        isEnabled: false,
        groups: ["meeting-hosts"],
        ["mail": ["grace@example.com"], "employeeType": ["staff"]]
    )
    static let outsider = Fixtures.user("bob", ["mail": ["bob@example.com"]])
    static let users = [Fixtures.ada, Fixtures.jurgen, disabledHost, outsider]

    struct ScopeCase: Sendable, CustomStringConvertible {
        var name: String
        var scope: ScopeRule
        /// uid → isEnabled of the desired account.
        var expected: [String: Bool]
        var description: String { name }
    }

    @Test(
        "Scope: nested groups, filter, disabled users",
        arguments: [
            ScopeCase(
                name: "no groups: everyone; the disabled user is deprovisioned",
                scope: ScopeRule(),
                expected: ["ada": true, "jurgen": true, "grace": false, "bob": true]
            ),
            ScopeCase(
                name: "nested membership: team-a is inside meeting-hosts",
                scope: ScopeRule(groups: [GroupReference("meeting-hosts")]),
                expected: ["ada": true, "grace": false]
            ),
            ScopeCase(
                name: "group by DN, any of several groups",
                scope: ScopeRule(groups: [GroupReference("CN=Team-A,OU=Groups,DC=Example,DC=com"), .init("sales")]),
                expected: ["ada": true, "jurgen": true]
            ),
            ScopeCase(
                name: "filter narrows the groups",
                scope: ScopeRule(
                    groups: [GroupReference("meeting-hosts"), .init("sales")],
                    filter: try! ScopeFilter("(!(employeeType=contractor))")
                ),
                expected: ["ada": true, "grace": false]
            ),
            ScopeCase(
                name: "include_disabled keeps the disabled user active",
                scope: ScopeRule(groups: [GroupReference("meeting-hosts")], includeDisabled: true),
                expected: ["ada": true, "grace": true]
            ),
            ScopeCase(
                name: "an unknown group selects nobody",
                scope: ScopeRule(groups: [GroupReference("nobody-here")]),
                expected: [:]
            ),
        ]
    )
    func scope(_ row: ScopeCase) {
        let result = Self.mapping(row.scope).map(Fixtures.snapshot(Self.users))
        let got = Dictionary(uniqueKeysWithValues: result.accounts.map { ($0.anchor, $0.isEnabled) })
        let expected = Dictionary(uniqueKeysWithValues: row.expected.map { ("anchor-\($0.key)", $0.value) })
        #expect(got == expected)
        #expect(result.outOfScopeCount == Self.users.count - row.expected.count)
    }

    @Test("Fields fill AccountFields; scope reasons name the rules that matched")
    func fields() throws {
        let scope = ScopeRule(
            groups: [GroupReference("meeting-hosts"), .init("sales")],
            filter: try ScopeFilter("(mail=*)")
        )
        let result = Self.mapping(scope).map(Fixtures.snapshot([Fixtures.ada]))
        let account = try #require(result.accounts.first)
        #expect(account.dn == "uid=ada,ou=people,dc=example,dc=com")
        #expect(account.fields.email == "ada.lovelace@example.com")
        #expect(account.fields.firstName == "Ada")
        #expect(account.fields.lastName == "Lovelace")
        #expect(account.fields.displayName == "Ada Lovelace")
        #expect(account.fields.fields == ["dept": "Research"])
        #expect(account.scopeReasons == ["group:meeting-hosts", "filter:(mail=*)"])
        #expect(result.problems.isEmpty)
    }

    struct LicenceCase: Sendable, CustomStringConvertible {
        var uid: String
        var rule: String?
        var userType: String?
        var description: String { uid }
    }

    static let zoomPolicy = LicencePolicy(
        rules: [
            .init(group: GroupReference("webinar-hosts"), grant: .init(userType: "2")),
            .init(group: GroupReference("meeting-hosts"), grant: .init(userType: "2")),
            .init(group: GroupReference("team-a"), grant: .init(userType: "1")),
        ],
        defaultGrant: .init(userType: "1")
    )

    @Test(
        "Licence rules: first match wins, then the default",
        arguments: [
            LicenceCase(uid: "ada", rule: "group:meeting-hosts", userType: "2"),
            LicenceCase(uid: "jurgen", rule: "default", userType: "1"),
        ]
    )
    func licences(_ row: LicenceCase) throws {
        let result = Self.mapping(licences: Self.zoomPolicy).map(Fixtures.snapshot(Self.users))
        let account = try #require(result.accounts.first { $0.anchor == "anchor-\(row.uid)" })
        #expect(account.licenceRule == row.rule)
        #expect(account.fields.userType == row.userType)
    }

    @Test("Without a default, users matched by no rule get no licence decision")
    func noDefault() throws {
        let policy = LicencePolicy(rules: [.init(group: GroupReference("sales"), grant: .init(licences: ["L1", "L2"]))])
        let result = Self.mapping(licences: policy, provider: .goto).map(Fixtures.snapshot(Self.users))
        let jurgen = try #require(result.accounts.first { $0.anchor == "anchor-jurgen" })
        #expect(jurgen.fields.licences == ["L1", "L2"])
        #expect(jurgen.licenceRule == "group:sales")
        let ada = try #require(result.accounts.first { $0.anchor == "anchor-ada" })
        #expect(ada.fields.licences == nil)
        #expect(ada.licenceRule == nil)
    }

    @Test("Users without a usable email are reported, not dropped silently; unknown groups are reported")
    func problems() throws {
        let noMail = Fixtures.user("nomail", ["givenName": ["No"]])
        let badMail = Fixtures.user("bad", ["mail": ["not an address"]])
        let scope = ScopeRule(groups: [GroupReference("ghosts")])
        let everyone = Self.mapping().map(Fixtures.snapshot([noMail, badMail, Fixtures.ada]))
        #expect(everyone.accounts.map(\.anchor) == ["anchor-ada"])
        #expect(everyone.problems.map(\.code) == [.missingEmail, .invalidEmail])
        #expect(everyone.problems.map(\.anchor) == ["anchor-nomail", "anchor-bad"])
        #expect(!everyone.problems[0].description.contains("uid=nomail"))
        let ghosts = Self.mapping(scope).map(Fixtures.snapshot([noMail]))
        #expect(ghosts.problems.map(\.code) == [.unknownGroup])
        #expect(ghosts.problems.map(\.message) == ["the mapping names group:ghosts, which the directory does not have"])
        var fields = Self.fields
        fields.append(.init(name: "title", expression: try MappingExpression("if(in_group(\"typo-group\"), \"x\")")))
        let typo = AccountMapper(mapping: TargetMapping(provider: .zoom, scope: ScopeRule(), fields: fields))
        #expect(
            typo.map(Fixtures.snapshot([])).problems.map(\.message) == [
                "the mapping names group:typo-group, which the directory does not have"
            ]
        )
        #expect(ghosts.outOfScopeCount == 1)
    }

    @Test("A disabled user kept by include_disabled says so in its scope reasons")
    func includeDisabledReason() throws {
        let scope = ScopeRule(groups: [GroupReference("meeting-hosts")], includeDisabled: true)
        let result = Self.mapping(scope).map(Fixtures.snapshot([Self.disabledHost]))
        let account = try #require(result.accounts.first)
        #expect(account.isEnabled)
        #expect(account.scopeReasons == ["group:meeting-hosts", "include_disabled"])
        let strict = Self.mapping(ScopeRule(groups: [GroupReference("meeting-hosts")]))
        #expect(
            strict.map(Fixtures.snapshot([Self.disabledHost])).accounts.first?.scopeReasons == ["group:meeting-hosts"]
        )
    }

    @Test("explain shows every scope check, mapped value and licence rule, even out of scope")
    func explain() throws {
        let mapper = Self.mapping(ScopeRule(groups: [GroupReference("sales")]), licences: Self.zoomPolicy)
        let ada = mapper.explain(Fixtures.ada, in: Fixtures.snapshot(Self.users))
        #expect(ada.outcome == .outOfScope)
        #expect(ada.scopeChecks.map(\.description) == ["- group:sales", "+ enabled"])
        #expect(ada.fields.first { $0.name == "email" }?.value == "ada.lovelace@example.com")
        #expect(ada.licenceRule == "group:meeting-hosts")
        #expect(ada.account == nil)

        let grace = Self.mapping().explain(Self.disabledHost, in: Fixtures.snapshot(Self.users))
        #expect(grace.outcome == .deprovision)
        #expect(grace.account?.isEnabled == false)
        #expect(grace.fields.first { $0.name == "dept" }?.value == nil)
    }
}

@Suite("Finding the user an admin means")
struct UserLookupTests {
    @Test(
        "By anchor, DN, login name or any mail value, ignoring case",
        arguments: [
            "anchor-ada", "ANCHOR-ADA", "UID=ada, OU=people,dc=example,dc=com", "Ada", "ada.lovelace@example.com",
            "ADA@old.example.com",
        ]
    )
    func lookup(_ text: String) {
        let snapshot = Fixtures.snapshot([Fixtures.jurgen, Fixtures.ada])
        #expect(snapshot.users(matching: text).map(\.anchor) == ["anchor-ada"])
    }

    @Test("No match is empty; an explanation encodes as JSON")
    func noMatchAndJSON() throws {
        let snapshot = Fixtures.snapshot([Fixtures.ada])
        #expect(snapshot.users(matching: "nobody").isEmpty)
        let explanation = AccountMapperTests.mapping().explain(Fixtures.ada, in: snapshot)
        let data = try JSONEncoder().encode(explanation)
        let decoded = try JSONDecoder().decode(UserExplanation.self, from: data)
        #expect(decoded == explanation)
        #expect(decoded.outcome == .provision)
    }
}
