import Testing

@testable import AccountMapping

/// The addresses accounts are planned for: a strict subset of RFC 5321.
@Suite struct EmailAddressRuleTests {
    @Test(
        "Accepted and refused addresses",
        arguments: [
            ("alice@example.com", true),
            ("alice.o'neil+meetings@mail.example.co.uk", true),
            ("a_b-c@sub-domain.example", true),
            ("jürgen@müller.example", true),
            (#"=HYPERLINK("http://x")@evil.example"#, false),
            ("=1+1@example.com", false),
            ("+alice@example.com", false),
            ("-alice@example.com", false),
            ("alice smith@example.com", false),
            (#""alice"@example.com"#, false),
            ("alice\u{7}@example.com", false),
            ("alice\u{0}@example.com", false),
            ("alice@example.com\n", false),
            ("alice\u{00A0}@example.com", false),
            ("alice..b@example.com", false),
            (".alice@example.com", false),
            ("alice.@example.com", false),
            ("alice@localhost", false),
            ("alice@-example.com", false),
            ("alice@example-.com", false),
            ("alice@example..com", false),
            ("alice@[192.0.2.1]", false),
            ("alice@exa(mple).com", false),
            ("alice<b>@example.com", false),
            ("alice@example.com@evil.example", false),
            (String(repeating: "a", count: 65) + "@example.com", false),
            ("a@" + String(repeating: "b", count: 64) + ".com", false),
        ]
    )
    func addresses(email: String, isValid: Bool) {
        #expect(AccountMapper.isAddress(email) == isValid, "\(email.debugDescription)")
    }
}
