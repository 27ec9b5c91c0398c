import AccountMapping
import OrganizerSyncCore
import Testing

@Suite("Mapped fields held to the provider's contract: types and lengths")
struct AccountMapperContractTests {
    static func mapper(_ provider: ProviderKind, _ fields: [(String, String)]) throws -> AccountMapper {
        let mapped =
            [TargetMapping.Field(name: "email", expression: try MappingExpression("lower(first(mail))"))]
            + (try fields.map { TargetMapping.Field(name: $0.0, expression: try MappingExpression($0.1)) })
        return AccountMapper(
            mapping: TargetMapping(provider: provider, scope: ScopeRule(), fields: mapped, licences: LicencePolicy())
        )
    }

    static func user(_ attributes: [String: [String]]) -> DirectoryUser {
        Fixtures.user("pat", ["mail": ["pat@example.com"]].merging(attributes) { $1 })
    }

    @Test(
        "A boolean is converted to the contract's spelling; a value that is not one is a problem naming user and field"
    )
    func booleans() throws {
        let mapper = try Self.mapper(.zoom, [("use_pmi", "pmiFlag")])
        let good = mapper.map(Fixtures.snapshot([Self.user(["pmiFlag": ["TRUE"]])]))
        #expect(good.problems.isEmpty)
        #expect(good.accounts.first?.fields.fields["use_pmi"] == "true")

        let bad = mapper.map(Fixtures.snapshot([Self.user(["pmiFlag": ["maybe"]])]))
        let problem = try #require(bad.problems.first)
        #expect(problem.code == .invalidField)
        #expect(problem.anchor == "anchor-pat")
        #expect(problem.description.contains("field use_pmi is not true or false for zoom"))
        #expect(!problem.description.contains("maybe"))
        #expect(bad.accounts.first?.fields.fields["use_pmi"] == nil)
        #expect(bad.accounts.count == 1)
    }

    @Test(
        "A name longer than the contract allows never reaches the account",
        arguments: [
            (ProviderKind.zoom, 64), (.webex, 1_024), (.goto, 255),
        ]
    )
    func lengths(provider: ProviderKind, limit: Int) throws {
        let mapper = try Self.mapper(provider, [("first_name", "givenName")])
        let fits = mapper.map(Fixtures.snapshot([Self.user(["givenName": [String(repeating: "a", count: limit)]])]))
        #expect(fits.problems.isEmpty)
        let huge = String(repeating: "a", count: 1_000_000)
        let result = mapper.map(Fixtures.snapshot([Self.user(["givenName": [huge]])]))
        #expect(result.accounts.first?.fields.firstName == nil)
        let problem = try #require(result.problems.first)
        #expect(problem.code == .invalidField)
        #expect(problem.description.contains("field first_name is longer than \(limit) characters"))
    }

    @Test("Integers are checked against the contract's values; undeclared fields are refused")
    func integersAndUnknownFields() throws {
        let mapper = try Self.mapper(.zoom, [("pronouns_option", "opt"), ("favourite_colour", "colour")])
        let result = mapper.map(Fixtures.snapshot([Self.user(["opt": ["4"], "colour": ["blue"]])]))
        #expect(result.problems.map(\.code) == [.invalidField, .invalidField])
        #expect(
            result.problems.contains {
                $0.description.contains("favourite_colour is not a field the provider's update declares")
            }
        )
        #expect(result.problems.contains { $0.description.contains("pronouns_option is not one of 1, 2, 3") })
    }

    @Test("A Zoom email over 128 characters is an invalid email: no account")
    func longEmail() throws {
        let mapper = try Self.mapper(.zoom, [])
        let email = String(repeating: "a", count: 120) + "@example.com"
        let result = mapper.map(Fixtures.snapshot([Fixtures.user("long", ["mail": [email]])]))
        #expect(result.accounts.isEmpty)
        #expect(result.problems.first?.code == .invalidEmail)
    }
}
