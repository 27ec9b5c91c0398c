/// A user of an ``ApplyFixture``'s directory subtree (an inetOrgPerson at `uid=UID,ou=people,…`).
public struct TestPerson: Sendable {
    /// The user's `uid` (also the local part of the email).
    public var uid: String
    /// `givenName`.
    public var givenName: String
    /// `sn`.
    public var sn: String
    /// Groups of the test's subtree the user is a member of.
    public var groups: [String]
    /// `employeeType: disabled` (the configuration's `disabled_when`).
    public var isDisabled: Bool
    /// `title`.
    public var title: String
    /// `departmentNumber`.
    public var department: String

    /// A user; enabled, an engineer in Engineering, in no group unless told.
    public init(
        uid: String,
        givenName: String,
        sn: String,
        groups: [String] = [],
        isDisabled: Bool = false,
        title: String = "Engineer",
        department: String = "Engineering"
    ) {
        (self.uid, self.givenName, self.sn, self.groups) = (uid, givenName, sn, groups)
        (self.isDisabled, self.title, self.department) = (isDisabled, title, department)
    }

    /// `mail`: `UID@example.com`.
    public var email: String { "\(uid)@example.com" }
    /// `displayName` and `cn`.
    public var displayName: String { "\(givenName) \(sn)" }

    /// alice and bob (enabled, in `licensed`), carol, dave and frank (disabled).
    public static let standard: [TestPerson] = [
        TestPerson(uid: "alice", givenName: "Alice", sn: "Archer", groups: ["licensed"]),
        TestPerson(uid: "bob", givenName: "Bob", sn: "Baker", groups: ["licensed"]),
        TestPerson(uid: "carol", givenName: "Carol", sn: "Cooper", isDisabled: true),
        TestPerson(uid: "dave", givenName: "Dave", sn: "Dalton", isDisabled: true),
        TestPerson(uid: "frank", givenName: "Frank", sn: "Fischer", isDisabled: true),
    ]

    /// The user `uid` of ``standard``.
    public static func standard(_ uid: String) -> TestPerson {
        standard.first { $0.uid == uid } ?? TestPerson(uid: uid, givenName: uid, sn: uid)
    }

    /// `count` enabled users `user01`… in `licensed`, for runs with many creates.
    public static func many(_ count: Int) -> [TestPerson] {
        (1...count).map {
            let number = $0 < 10 ? "0\($0)" : "\($0)"
            return TestPerson(uid: "user\(number)", givenName: "User", sn: "Number\(number)", groups: ["licensed"])
        }
    }
}
