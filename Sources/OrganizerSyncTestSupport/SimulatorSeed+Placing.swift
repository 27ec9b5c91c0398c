public import ProviderSimulator

extension SimulatorSeed {
    /// The GoTo licence the demo seed holds and the GoTo test mappings give (GoTo Meeting Business).
    public static let gotoLicence = "5839287156452918374"

    /// The seed with the demo account in `slot` (1…9; 0 is the admin) of `provider` turned into `person`'s
    /// account: same names, title and department (so nothing differs but what the test means to differ),
    /// `status`, and `lastName` instead of the directory's when given.
    public func placing(
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

    /// The demo seed as the lifecycle tests want it (a run of ``TestPerson/standard`` against it creates,
    /// updates and suspends): bob's account has an outdated last name, carol and dave (disabled) have active
    /// accounts, and at Zoom frank (disabled) has an invitation he never accepted.
    public static func lifecycle(_ provider: SimulatorProvider) -> SimulatorSeed {
        var seed = SimulatorSeed.demo
            .placing(TestPerson.standard("bob"), on: provider, slot: 1, lastName: "Bakker")
            .placing(TestPerson.standard("carol"), on: provider, slot: 2)
            .placing(TestPerson.standard("dave"), on: provider, slot: 3)
        if provider == .zoom { seed = seed.placing(TestPerson.standard("frank"), on: .zoom, slot: 9, status: .pending) }
        return seed
    }
}
