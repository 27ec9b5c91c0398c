import OrganizerSyncCore
import Synchronization

/// An in-memory provider for the applier's unit tests (the end-to-end tests use the simulator over HTTP).
///
/// It records every call, and fails the calls on the emails listed in `failing`.
final class FakeProvider: AccountProvider {
    let kind: ProviderKind
    let targetName: String
    private let accounts: Mutex<[ProviderAccount]>
    private let log = Mutex<[String]>([])
    private let failing: Set<String>
    private let nextID = Atomic<Int>(1000)

    init(kind: ProviderKind = .zoom, target: String = "t", accounts: [ProviderAccount], failing: Set<String> = []) {
        self.kind = kind
        self.targetName = target
        self.accounts = Mutex(accounts)
        self.failing = failing
    }

    /// The calls made, as `"create a@x"`, in order.
    var calls: [String] { log.withLock { $0 } }
    /// The accounts now.
    var current: [ProviderAccount] { accounts.withLock { $0 } }

    /// Changes an account behind the applier's back (another admin at the provider's console).
    func edit(_ email: String, _ change: (inout ProviderAccount) -> Void) {
        accounts.withLock { list in
            if let index = list.firstIndex(where: { $0.email == email }) { change(&list[index]) }
        }
    }

    func listAccounts() async throws -> [ProviderAccount] { current }

    func account(email: String) async throws -> ProviderAccount? {
        current.first { $0.email.lowercased() == email.lowercased() }
    }

    func create(_ fields: AccountFields) async throws -> ProviderAccount {
        try note("create", fields.email)
        let account = ProviderAccount(
            id: "id-\(nextID.wrappingAdd(1, ordering: .relaxed).oldValue)",
            email: fields.email,
            firstName: fields.firstName,
            lastName: fields.lastName,
            status: .active,
            licences: fields.licences ?? []
        )
        accounts.withLock { $0.append(account) }
        return account
    }

    func update(_ account: ProviderAccount, with fields: AccountFields) async throws -> ProviderAccount {
        try note("update", account.email)
        return replace(account) {
            $0.email = fields.email
            if let first = fields.firstName { $0.firstName = first }
            for (key, value) in fields.fields { $0.fields[key] = value }
        }
    }

    func suspend(_ account: ProviderAccount) async throws -> ProviderAccount {
        try note("suspend", account.email)
        return replace(account) {
            $0.status = .suspended
            if $0.kind == .goto {
                $0.fields["goto.suspendedLicenseKeys"] = $0.licences.joined(separator: ",")
                $0.licences = []
            }
        }
    }

    func reactivate(_ account: ProviderAccount) async throws -> ProviderAccount {
        try note("reactivate \(account.fields["goto.suspendedLicenseKeys"] ?? "")", account.email)
        return replace(account) {
            $0.status = .active
            $0.fields["goto.suspendedLicenseKeys"] = nil
        }
    }

    func delete(_ account: ProviderAccount) async throws {
        try note("delete", account.email)
        accounts.withLock { $0.removeAll { $0.id == account.id } }
    }

    private func note(_ call: String, _ email: String) throws {
        log.withLock { $0.append("\(call) \(email)") }
        if failing.contains(email) {
            throw ProviderError(.invalidRequest, provider: kind, operation: call, httpStatus: 400, providerCode: "1001")
        }
    }

    private func replace(_ account: ProviderAccount, _ change: (inout ProviderAccount) -> Void) -> ProviderAccount {
        accounts.withLock { list in
            guard let index = list.firstIndex(where: { $0.id == account.id && $0.email == account.email }) else {
                return account
            }
            change(&list[index])
            return list[index]
        }
    }
}

extension ProviderAccount {
    /// The fake's accounts carry their provider in a field, so the GoTo suspend rule can be tested.
    fileprivate var kind: ProviderKind { fields["fake.kind"].flatMap(ProviderKind.init(rawValue:)) ?? .zoom }
}
