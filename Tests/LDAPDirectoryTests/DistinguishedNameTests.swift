import OrganizerSyncCore
import Testing

@testable import LDAPDirectory

@Suite("DN equality (RFC 4514 / 4517)")
struct DistinguishedNameTests {
    @Test(
        "Two spellings of one DN are equal",
        arguments: [
            // escapes: a backslash before the character and its hex pair, in either case
            ("cn=Smith\\, John,ou=people,dc=example,dc=com", "cn=Smith\\2C John,ou=people,dc=example,dc=com"),
            ("cn=Smith\\2c John,ou=people,dc=example,dc=com", "cn=Smith\\2C John,ou=people,dc=example,dc=com"),
            ("cn=a\\+b\\=c,dc=x", "cn=a\\2Bb\\3Dc,dc=x"),
            ("cn=caf\\C3\\A9,dc=x", "cn=café,dc=x"),
            // attribute types: case, long names and OIDs
            ("CN=Alice,OU=People,DC=Example", "cn=alice,ou=people,dc=example"),
            ("commonName=Alice,organizationalUnitName=People,domainComponent=x", "cn=Alice,ou=People,dc=x"),
            ("2.5.4.3=Alice,2.5.4.11=People,0.9.2342.19200300.100.1.25=x", "cn=Alice,ou=People,dc=x"),
            ("userid=a,dc=x", "uid=a,dc=x"),
            // spaces around separators, and insignificant spaces inside values
            ("cn = Smith\\, John , ou = people , dc=x", "cn=Smith\\2C John,ou=people,dc=x"),
            ("cn=Alice  Archer,dc=x", "cn=alice archer,dc=x"),
            // multi-valued RDNs in any order
            ("uid=multi+cn=Multi,ou=people,dc=x", "cn=Multi+uid=multi,ou=people,dc=x"),
            ("cn=A + uid=b,dc=x", "UID=B+CN=a,dc=x"),
            // hex-encoded BER values: OCTET STRING, UTF8String, PrintableString, BMPString
            ("cn=#04054865786564,dc=x", "cn=Hexed,dc=x"),
            ("cn=#0C054865786564,dc=x", "cn=hexed,dc=x"),
            ("cn=#13054865786564,dc=x", "cn=HEXED,dc=x"),
            ("cn=#1E0400480069,dc=x", "cn=Hi,dc=x"),
            // non-ASCII values fold their case
            ("CN=Zoë Å,DC=X", "cn=zoë å,dc=x"),
            // legacy forms: `;` between RDNs, quoted values
            ("cn=a;dc=x", "cn=a,dc=x"),
            ("cn=\"Smith, John\",dc=x", "cn=Smith\\, John,dc=x"),
            ("", "  "),
        ]
    )
    func equal(left: String, right: String) throws {
        let a = try #require(DistinguishedName(left))
        let b = try #require(DistinguishedName(right))
        #expect(a == b, "\(a.normalized) != \(b.normalized)")
        #expect(DistinguishedName.key(left) == DistinguishedName.key(right))
    }

    @Test(
        "Different DNs stay different",
        arguments: [
            ("cn=Smith\\, John,dc=x", "cn=Smith John,dc=x"),
            ("cn=a,dc=x", "cn=a,dc=y"),
            ("cn=a+uid=b,dc=x", "cn=a,uid=b,dc=x"),
            ("cn=a\\2Cb,dc=x", "cn=a,cn=b,dc=x"),
            ("cn=\\#a,dc=x", "cn=#a,dc=x"),
            // a case-exact matching rule keeps the case of its values
            ("homeDirectory=/home/Alice,dc=x", "homeDirectory=/home/alice,dc=x"),
            ("cn=a,dc=x", "sn=a,dc=x"),
        ]
    )
    func different(left: String, right: String) {
        #expect(DistinguishedName.key(left) != DistinguishedName.key(right))
    }

    @Test(
        "Malformed text is no DN, and its key equals no DN's",
        arguments: ["cn", "=a", "cn=a,", "cn=a\"b", "cn=#0", "cn=#zz"]
    )
    func malformed(text: String) {
        #expect(DistinguishedName(text) == nil)
        #expect(DistinguishedName.key(text).hasPrefix("\u{1}"))
    }

    @Test("A DN already in normal form is returned as it is; one that only looks plain is parsed")
    func normalFormShared() throws {
        let text = "uid=user0001,ou=people,dc=example,dc=com"
        #expect(try #require(DistinguishedName(text)).normalized == text)
        #expect(DistinguishedName.key("cn=a=b,dc=x") == "cn=a\\3db,dc=x")
        #expect(DistinguishedName.key("cn=a.b@x_y-z,dc=x") == "cn=a.b@x_y-z,dc=x")
        #expect(DistinguishedName.key("street=a,dc=x") == "street=a,dc=x")
        #expect(DistinguishedName.key("cn=a,,dc=x").hasPrefix("\u{1}"))
        #expect(DistinguishedName.key("cn=a,").hasPrefix("\u{1}"))
    }

    @Test("uniqueMember's optional UID is not part of the DN")
    func optionalUID() {
        #expect(DistinguishedName.withoutOptionalUID("cn=a,dc=x#'0101'B") == "cn=a,dc=x")
        #expect(DistinguishedName.withoutOptionalUID("cn=a,dc=x") == "cn=a,dc=x")
        #expect(DistinguishedName.withoutOptionalUID("cn=a\\#'01'B") == "cn=a\\#'01'B")
        #expect(DistinguishedName.withoutOptionalUID("cn=a#'0x1'B") == "cn=a#'0x1'B")
    }

    @Test("Members written in other spellings resolve to their users; the rest are one warning with examples")
    func resolution() throws {
        let users = [
            ("jsmith", "cn=Smith\\2C John,ou=people,dc=x"),
            ("multi", "cn=Multi+uid=multi,ou=people,dc=x"),
            ("hexed", "cn=Hexed,ou=people,dc=x"),
            ("oid", "uid=oid,ou=people,dc=x"),
        ].map { DirectoryUser(anchor: $0.0, dn: $0.1, username: $0.0, email: nil, isEnabled: true, attributes: [:]) }
        let group = RawGroup(
            dn: "cn=g,ou=groups,dc=x",
            name: "g",
            anchor: nil,
            memberDNs: [
                "cn=Smith\\, John,ou=people,dc=x", "uid=multi+cn=Multi,ou=people,dc=x",
                "cn=#04054865786564,ou=people,dc=x", "0.9.2342.19200300.100.1.1=oid,ou=people,dc=x",
                "cn=Gone,ou=people,dc=x", "not a dn",
            ],
            memberUids: []
        )
        var sorted = users
        let resolved = GroupResolver().resolve(users: &sorted, groups: [group])
        #expect(resolved.groups[0].members == ["hexed", "jsmith", "multi", "oid"])
        #expect(resolved.groups[0].unresolvedMemberCount == 2)
        #expect(sorted.allSatisfy { $0.groups == ["cn=g,ou=groups,dc=x"] })
        let warning = try #require(resolved.warnings.map(\.text).first { $0.contains("match no user") })
        #expect(warning.hasPrefix("2 member value(s) in 1 group(s)"))
        #expect(warning.contains("cn=Gone,ou=people,dc=x") && warning.contains("not a dn"))
    }
}
