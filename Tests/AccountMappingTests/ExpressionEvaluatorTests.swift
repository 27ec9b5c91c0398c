import AccountMapping
import OrganizerSyncCore
import Testing

@Suite("Field expressions: evaluation")
struct ExpressionEvaluatorTests {
    func values(_ text: String, for user: DirectoryUser = Fixtures.ada) throws -> [String] {
        try MappingExpression(text).values(for: user, index: Fixtures.index)
    }

    @Test(
        "Each function on Ada (multi-valued mail and title, untrimmed given name)",
        arguments: [
            ("mail", ["Ada.Lovelace@Example.COM", "ada@old.example.com"]),
            ("MAIL", ["Ada.Lovelace@Example.COM", "ada@old.example.com"]),
            ("missing", []),
            ("\"text\"", ["text"]),
            ("lower(mail)", ["ada.lovelace@example.com", "ada@old.example.com"]),
            ("upper(sn)", ["LOVELACE"]),
            ("trim(givenName)", ["Ada"]),
            ("first(mail)", ["Ada.Lovelace@Example.COM"]),
            ("first(missing)", []),
            ("default(missing, \"\", sn)", ["Lovelace"]),
            ("default(missing, nothing)", []),
            ("join(\" \", trim(givenName), sn)", ["Ada Lovelace"]),
            ("join(\"; \", title)", ["Analyst; Countess"]),
            ("join(\",\", missing)", []),
            ("replace(first(mail), \"@.*$\", \"\")", ["Ada.Lovelace"]),
            ("replace(sn, \"(L)(ove)\", \"$2$1\")", ["oveLlace"]),
            ("\"${trim(givenName)} ${sn} (${missing})\"", ["Ada Lovelace ()"]),
            ("\"${title}\"", ["Analyst"]),
            ("if(in_group(\"meeting-hosts\"), \"host\", \"guest\")", ["host"]),
            ("if(in_group(\"MEETING-HOSTS\"), \"host\")", ["host"]),
            ("if(in_group(\"CN=Team-A , OU=groups,dc=example,dc=com\"), \"a\", \"b\")", ["a"]),
            ("if(in_group(\"sales\"), \"sales\")", []),
            ("if(in_group(\"no-such-group\"), \"x\", \"y\")", ["y"]),
            ("if(has(department), department, \"none\")", ["Research"]),
            ("if(equals(employeeType, \"STAFF\"), \"staff\", \"other\")", ["staff"]),
            ("if(matches(title, \"^Count\"), \"noble\")", ["noble"]),
            ("if(not(has(missing)), \"empty\")", ["empty"]),
            ("if(and(has(mail), in_group(\"team-a\")), \"both\", \"no\")", ["both"]),
            ("if(or(has(missing), in_group(\"sales\")), \"any\", \"none\")", ["none"]),
            ("dn", ["uid=ada,ou=people,dc=example,dc=com"]),
            ("anchor", ["anchor-ada"]),
            ("username", ["ada"]),
        ] as [(String, [String])]
    )
    func functions(_ text: String, _ expected: [String]) throws {
        #expect(try values(text) == expected)
    }

    @Test(
        "Unicode: case mapping and trimming work beyond ASCII",
        arguments: [
            ("upper(givenName)", "JÜRGEN"),
            ("lower(sn)", "ößmann"),
            ("upper(sn)", "ÖSSMANN"),
            ("\"${givenName}·${sn}\"", "Jürgen·Ößmann"),
            ("replace(givenName, \"ü\", \"ue\")", "Juergen"),
            ("join(\" \", givenName, sn)", "Jürgen Ößmann"),
            ("trim(\"\u{3000}\u{00A0}Ünïcödé\t\n\")", "Ünïcödé"),
        ]
    )
    func unicode(_ text: String, _ expected: String) throws {
        #expect(try MappingExpression(text).value(for: Fixtures.jurgen, index: Fixtures.index) == expected)
    }

    @Test("A field's value is the first non-empty value; none is nil")
    func fieldValue() throws {
        let user = Fixtures.user("x", ["a": ["", "second"]])
        #expect(try MappingExpression("a").value(for: user, index: Fixtures.index) == "second")
        #expect(try MappingExpression("b").value(for: user, index: Fixtures.index) == nil)
        #expect(try MappingExpression("\"\"").value(for: user, index: Fixtures.index) == nil)
    }

    @Test("An attribute named like a built-in wins over it")
    func attributeBeforeBuiltIn() throws {
        let user = Fixtures.user("x", ["username": ["from-attribute"]])
        #expect(try MappingExpression("username").value(for: user, index: Fixtures.index) == "from-attribute")
    }
}
