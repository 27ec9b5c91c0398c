import AccountMapping
import OrganizerSyncCore
import Testing

@Suite("Scope filters (RFC 4515, evaluated on the client)")
struct ScopeFilterTests {
    @Test(
        "Filters on Ada (staff, Research, two titles, employeeNumber 1815)",
        arguments: [
            ("(department=research)", true),
            ("department=Research", true),
            ("(DEPARTMENT=RESEARCH)", true),
            ("(department=Sales)", false),
            ("(title=countess)", true),
            ("(department=*)", true),
            ("(missing=*)", false),
            ("(mail=*@example.com)", true),
            ("(mail=ada*)", true),
            ("(mail=*love*ample*)", true),
            ("(mail=*love*zzz*)", false),
            ("(mail=ada.lovelace@example.com)", true),
            ("(&(department=Research)(employeeType=staff))", true),
            ("(&(department=Research)(employeeType=contractor))", false),
            ("(|(department=Sales)(employeeType=staff))", true),
            ("(!(employeeType=contractor))", true),
            ("(!(employeeType=staff))", false),
            ("( & (department=Research) (!(title=intern*)) )", true),
            ("(employeeNumber>=1000)", true),
            ("(employeeNumber>=999)", true),
            ("(employeeNumber<=999)", false),
            ("(sn>=M)", false),
            ("(sn<=M)", true),
            ("(cn~=ada lovelace)", true),
            ("(cn=Ada\\20Lovelace)", true),
            ("(memberOf=CN=Team-A,OU=Groups,DC=example,DC=com)", true),
            ("(memberOf=cn=sales,ou=groups,dc=example,dc=com)", false),
            ("(&)", true),
            ("(|)", false),
        ]
    )
    func filters(_ text: String, _ expected: Bool) throws {
        #expect(try ScopeFilter(text).matches(Fixtures.ada) == expected)
    }

    @Test("Unicode values compare ignoring case")
    func unicode() throws {
        #expect(try ScopeFilter("(givenName=JÜRGEN)").matches(Fixtures.jurgen))
        #expect(try ScopeFilter("(sn=ößm*)").matches(Fixtures.jurgen))
        #expect(try ScopeFilter("(givenName=J\\c3\\bcrgen)").matches(Fixtures.jurgen))
    }

    @Test(
        "Bad filters name the character",
        arguments: [
            ("", ExpressionError.Code.unexpectedToken, 1),
            ("(department=Sales", .unterminatedString, 1),
            ("(&(a=b)(c=d)", .unterminatedString, 1),
            ("(=x)", .unexpectedToken, 2),
            ("(a=b))", .unexpectedToken, 6),
            ("(a=b)(c=d)", .unexpectedToken, 6),
            ("(a!b)", .unexpectedToken, 3),
            ("(a>b)", .unexpectedToken, 4),
            ("(cn:dn:=x)", .unsupported, 4),
            ("(a=x\\4)", .unexpectedCharacter, 5),
            ("(a=x(y)", .unexpectedToken, 5),
        ] as [(String, ExpressionError.Code, Int)]
    )
    func badFilters(_ text: String, _ code: ExpressionError.Code, _ offset: Int) {
        do {
            _ = try ScopeFilter(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.code == code)
            #expect(error.offset == offset, "\(error.message)")
        }
    }
}
