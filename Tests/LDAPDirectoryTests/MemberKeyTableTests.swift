import Testing

@testable import LDAPDirectory

@Suite("The member look-up table: numbers in insertion order, equality on the bytes, texts as sent")
struct MemberKeyTableTests {
    /// `key`'s bytes to `body`, as the group index passes them.
    func withKey<T>(_ key: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        var key = key
        return key.withUTF8(body)
    }

    @Test("20,000 keys: each gets the next number, is found again after growing, and an absent key is not found")
    func manyKeys() {
        var table = MemberKeyTable()
        let keys = (0..<20_000).map { "uid=u\($0),ou=people,dc=example,dc=com" }
        for (expected, key) in keys.enumerated() {
            let number = withKey(key) { table.insert($0, hash: MemberKeyTable.hash($0), text: key) }
            #expect(number == expected)
        }
        #expect(table.count == keys.count)
        for (expected, key) in keys.enumerated() {
            #expect(withKey(key) { table.number(of: $0, hash: MemberKeyTable.hash($0)) } == expected)
            #expect(withKey(key) { table.insert($0, hash: MemberKeyTable.hash($0), text: "other") } == expected)
        }
        #expect(table.count == keys.count)
        #expect(
            withKey("uid=u20000,ou=people,dc=example,dc=com") { table.number(of: $0, hash: MemberKeyTable.hash($0)) }
                == nil
        )
        #expect(table.text(of: 17) == keys[17])
    }

    @Test("Keys that share a hash stay apart: equality is decided on the bytes, whatever the hash says")
    func collidingHashes() {
        var table = MemberKeyTable()
        let keys = ["cn=a,dc=x", "cn=b,dc=x", "cn=a,dc=y", "cn=a,dc=xx", ""]
        for key in keys { _ = withKey(key) { table.insert($0, hash: 42, text: key) } }
        #expect(table.count == keys.count)
        for (expected, key) in keys.enumerated() {
            #expect(withKey(key) { table.number(of: $0, hash: 42) } == expected)
            // The same bytes under another hash are another place: the hash must be the key's own.
            #expect(withKey(key) { table.number(of: $0, hash: 43) } == nil)
        }
        #expect(withKey("cn=c,dc=x") { table.number(of: $0, hash: 42) } == nil)
    }

    @Test("The text is the member value as first sent: kept apart when it differs from the key, even when empty")
    func texts() {
        var table = MemberKeyTable()
        let sent = ["CN=Smith\\, John,OU=People", "cn=smith\\2c john,ou=people", "", "memberUid: jdoe"]
        let keys = ["cn=smith\\, john,ou=people", "cn=smith\\, john,ou=people", "\u{1}", "\u{0}uid:jdoe"]
        let numbers = zip(keys, sent).map { key, text in
            withKey(key) { table.insert($0, hash: MemberKeyTable.hash($0), text: text) }
        }
        #expect(numbers == [0, 0, 1, 2])
        #expect(table.text(of: 0) == sent[0])
        #expect(table.text(of: 1) == "")
        #expect(table.text(of: 2) == "memberUid: jdoe")
        let same = withKey("cn=x,dc=y") { table.insert($0, hash: MemberKeyTable.hash($0), text: "cn=x,dc=y") }
        #expect(table.text(of: same) == "cn=x,dc=y")
    }
}
