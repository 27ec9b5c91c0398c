import ProviderSimulator

/// A user of an ``ApplyFixture``'s directory subtree (an inetOrgPerson at `uid=UID,ou=people,…`).
struct TestPerson: Sendable {
    var uid: String
    var givenName: String
    var sn: String
    /// Groups of the test's subtree the user is a member of.
    var groups: [String] = []
    /// `employeeType: disabled` (the configuration's `disabled_when`).
    var isDisabled = false
    var title = "Engineer"
    var department = "Engineering"

    var email: String { "\(uid)@example.com" }
    var displayName: String { "\(givenName) \(sn)" }

    /// alice and bob (enabled, in `licensed`), carol, dave and frank (disabled).
    static let standard: [TestPerson] = [
        TestPerson(uid: "alice", givenName: "Alice", sn: "Archer", groups: ["licensed"]),
        TestPerson(uid: "bob", givenName: "Bob", sn: "Baker", groups: ["licensed"]),
        TestPerson(uid: "carol", givenName: "Carol", sn: "Cooper", isDisabled: true),
        TestPerson(uid: "dave", givenName: "Dave", sn: "Dalton", isDisabled: true),
        TestPerson(uid: "frank", givenName: "Frank", sn: "Fischer", isDisabled: true),
    ]

    /// The user `uid` of ``standard``.
    static func standard(_ uid: String) -> TestPerson {
        standard.first { $0.uid == uid } ?? TestPerson(uid: uid, givenName: uid, sn: uid)
    }

    /// `count` enabled users `user01`… in `licensed`, for runs with many creates.
    static func many(_ count: Int) -> [TestPerson] {
        (1...count).map {
            let number = $0 < 10 ? "0\($0)" : "\($0)"
            return TestPerson(uid: "user\(number)", givenName: "User", sn: "Number\(number)", groups: ["licensed"])
        }
    }
}

extension SimulatorSeed {
    /// The GoTo licence the demo seed holds and the GoTo test mappings give (GoTo Meeting Business).
    static let gotoLicence = "5839287156452918374"

    /// The seed with the demo account in `slot` (1…9; 0 is the admin) of `provider` turned into `person`'s
    /// account: same names, title and department (so nothing differs but what the test means to differ),
    /// `status`, and `lastName` instead of the directory's when given.
    func placing(
        _ person: TestPerson,
        on provider: SimulatorProvider,
        slot: Int,
        status: SimulatedAccount.Status = .active,
        lastName: String? = nil
    ) -> SimulatorSeed {
        var seed = self
        var account = seed[provider].accounts[slot]
        account.email = person.email
        account.firstName = person.givenName
        account.lastName = lastName ?? person.sn
        account.displayName = person.displayName
        account.title = person.title
        account.department = person.department
        account.status = status
        if provider == .zoom { account.userType = 2 }
        if provider == .goto { account.licenses = status == .inactive ? [] : [Self.gotoLicence] }
        seed[provider].accounts[slot] = account
        return seed
    }
}
