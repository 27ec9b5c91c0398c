import AccountMapping
import Testing

@Suite("Field expressions: lexer and parser")
struct ExpressionParserTests {
    @Test(
        "Good expressions parse",
        arguments: [
            "mail",
            "given-name_2",
            "\"literal\"",
            "'single ${not interpolated}'",
            "\"${givenName} ${sn}\"",
            "\"${upper(first(sn))}, ${default(title, \"none\")}\"",
            "lower(mail)",
            "LOWER( mail )",
            "default(displayName, join(\" \", givenName, sn))",
            "replace(mail, \"@.*$\", \"\")",
            "if(in_group(\"meeting-hosts\"), \"host\", \"guest\")",
            "if(and(has(mail), not(equals(employeeType, \"contractor\"))), mail)",
            "if(or(matches(title, \"(?i)^dr\"), in_group(\"cn=Sales, ou=groups,dc=example,dc=com\")), sn)",
            "\"\"",
            "\"\\\"quoted\\\" \\$ \\\\ \\n\"",
        ]
    )
    func goodExpressions(_ text: String) throws {
        let expression = try MappingExpression(text)
        #expect(expression.source == text)
    }

    struct Bad: Sendable, CustomStringConvertible {
        var text: String
        var code: ExpressionError.Code
        var offset: Int
        var message: String
        var description: String { text }
    }

    @Test(
        "Bad expressions name the character and what was expected",
        arguments: [
            Bad(text: "", code: .unexpectedToken, offset: 1, message: "empty"),
            Bad(text: "lower(mail", code: .unexpectedToken, offset: 11, message: "expected ',' or ')'"),
            Bad(text: "lower(mail))", code: .unexpectedToken, offset: 12, message: "expected the end"),
            Bad(text: "mail sn", code: .unexpectedToken, offset: 6, message: "join()"),
            Bad(text: "lowr(mail)", code: .unknownFunction, offset: 1, message: "unknown function 'lowr'"),
            Bad(text: "trim(lower(mail), sn)", code: .argumentCount, offset: 1, message: "takes 1 argument, got 2"),
            Bad(text: "join(\",\")", code: .argumentCount, offset: 1, message: "at least 2"),
            Bad(text: "if(mail, sn)", code: .argumentType, offset: 4, message: "expected a condition"),
            Bad(text: "if(lower(mail), sn)", code: .argumentType, offset: 4, message: "gives a value"),
            Bad(text: "in_group(\"x\")", code: .argumentType, offset: 1, message: "is a condition"),
            Bad(text: "lower(\"abc)", code: .unterminatedString, offset: 7, message: "not closed"),
            Bad(text: "\"${mail", code: .unterminatedString, offset: 2, message: "'${' is not closed"),
            Bad(text: "\"${mail\"", code: .unterminatedString, offset: 8, message: "not closed by \""),
            Bad(text: "\"a ${}\"", code: .unexpectedToken, offset: 4, message: "empty"),
            Bad(text: "replace(mail, \"(\", \"\")", code: .invalidPattern, offset: 15, message: "does not compile"),
            Bad(text: "replace(mail, sn, \"\")", code: .argumentType, offset: 15, message: "string literal"),
            Bad(text: "if(in_group(sn), \"a\")", code: .argumentType, offset: 13, message: "string literal"),
            Bad(text: "lower(mail) # comment", code: .unexpectedCharacter, offset: 13, message: "'#'"),
            Bad(text: "lower(#)", code: .unexpectedCharacter, offset: 7, message: "unexpected character '#'"),
            Bad(text: "${givenName} ${sn}", code: .unexpectedCharacter, offset: 1, message: "double-quoted"),
            Bad(text: "\"\\q\"", code: .unexpectedCharacter, offset: 2, message: "unknown escape"),
            Bad(text: "lower(,)", code: .unexpectedToken, offset: 7, message: "found ','"),
            Bad(text: "\"é ${lowr(x)}\"", code: .unknownFunction, offset: 6, message: "lowr"),
        ]
    )
    func badExpressions(_ bad: Bad) {
        do {
            _ = try MappingExpression(bad.text)
            Issue.record("expected an error for \(bad.text)")
        } catch {
            #expect(error.code == bad.code)
            #expect(error.offset == bad.offset)
            #expect(error.message.contains(bad.message), "\(error.message)")
        }
    }
}
