import Foundation
public import Logging
public import OrganizerSyncCore
import Synchronization

/// Reads a complete ``DirectorySnapshot`` from an LDAP server or Active Directory.
///
/// libldap is blocking C with per-handle state, so the whole read (connect, StartTLS, bind, paged
/// searches, ranged member retrieval, unbind) runs on one dedicated thread that owns the
/// ``LDAPConnection``; only `Sendable` values cross back. Any failure throws: a snapshot is only
/// ever built from a read that finished.
public struct DirectoryReader: Sendable {
    public let configuration: DirectoryConfiguration
    let environment: [String: String]
    let logger: Logger
    /// Called on the reading threads after each page of a search (operation, page number).
    ///
    /// A seam for
    /// tests that stop the server in the middle of a paged read, or that check which ranged member
    /// requests were made (operation `search group members (member;range=1500-*)`).
    var pageObserver: (@Sendable (String, Int) -> Void)?

    public init(
        configuration: DirectoryConfiguration,
        environment: [String: String] = ProcessEnvironment.current(),
        logger: Logger
    ) {
        self.configuration = configuration
        self.environment = environment
        self.logger = logger
    }

    /// Reads every user in scope and every group, and resolves membership.
    public func read() async throws -> DirectorySnapshot {
        try await runOnDedicatedThread { try readBlocking() }
    }

    /// Connects, upgrades to TLS and binds, then unbinds.
    ///
    /// Used by `validate`.
    /// - Returns: a one-line summary of what succeeded.
    public func checkConnection() async throws -> String {
        try await runOnDedicatedThread {
            warnAboutWeakTLS()
            _ = try connect()
            let settings = configuration.connection
            let protection =
                switch settings.tlsMode {
                case .startTLS: "StartTLS"
                case .ldaps: "ldaps"
                case .none: "no TLS"
                }
            let who = settings.bindDN == nil ? "anonymously" : "as the configured bind DN"
            return "connected to \(settings.url) with \(protection) and bound \(who)"
        }
    }

    /// Warns about a connection that does not authenticate the server; logged on every run.
    func warnAboutWeakTLS() {
        let settings = configuration.connection
        if settings.tlsMode != .none && !settings.verifyCertificate {
            logger.warning(
                "TLS certificate verification is OFF for the directory connection: the server is not authenticated",
                metadata: ["ldap.url": "\(settings.url)"]
            )
        }
        if settings.tlsMode == .none {
            logger.warning(
                "the directory connection does not use TLS: the bind password crosses the network in clear",
                metadata: ["ldap.url": "\(settings.url)"]
            )
        }
    }

    /// Opens a connection: StartTLS when configured, then the bind.
    func connect() throws -> LDAPConnection {
        let settings = configuration.connection
        let password = try settings.bindPassword?.resolve(environment: environment)
        let connection = try LDAPConnection(settings: settings)
        if settings.tlsMode == .startTLS { try connection.startTLS() }
        try connection.bind(dn: settings.bindDN, password: password)
        try connection.readAhead()
        return connection
    }

    /// Reads users and groups on two connections at once (the groups on a second thread, which also indexes
    /// them), so the server works on the groups while the users stream in, then resolves membership.
    func readBlocking() throws -> DirectorySnapshot {
        let started = ContinuousClock.now
        warnAboutWeakTLS()
        let groupsRead = Mutex<Result<GroupIndex, any Error>>(.success(GroupIndex(groups: [])))
        let groupsDone = DispatchSemaphore(value: 0)
        let groupsReady = Atomic<Bool>(false)
        let groupThread = Thread { [self] in
            // The groups are indexed here, while the users are still streaming in on the other thread.
            let result = Result {
                GroupIndex(
                    groups: try GroupReader(
                        connection: try connect(),
                        configuration: configuration,
                        afterPage: pageObserver
                    )
                    .readGroups()
                )
            }
            groupsRead.withLock { $0 = result }
            groupsReady.store(true, ordering: .releasing)
            groupsDone.signal()
        }
        groupThread.name = "organizer-sync.ldap-groups"
        groupThread.stackSize = 8 << 20
        groupThread.start()
        // Each user is looked up among the groups' members as it arrives, once the groups are indexed.
        let usersRead = Result {
            try readUsers { groupsReady.load(ordering: .acquiring) ? groupsRead.withLock { try? $0.get() } : nil }
        }
        logger.debug("users read", metadata: ["duration": "\(ContinuousClock.now - started)"])
        groupsDone.wait()
        logger.debug("groups read", metadata: ["duration": "\(ContinuousClock.now - started)"])
        // Consumed, not copied: a second reference to the users' array would make the resolver's in-place sort
        // copy all of them (and retain every value) before freeing the original.
        var (users, warnings, leaves) = try (consume usersRead).get()
        // Taken out of the lock, so that the resolver holds the only copy and can free its member look-up.
        let groups = try groupsRead.withLock { result in
            defer { result = .success(GroupIndex(groups: [])) }
            return try result.get()
        }
        let resolved = GroupResolver().resolve(users: &users, index: consume groups, leaves: consume leaves)
        for index in users.indices.dropFirst() where users[index].anchor == users[index - 1].anchor {
            warnings.append(.duplicateAnchor(users[index].anchor))
        }
        logger.info(
            "directory read",
            metadata: [
                "ldap.users": "\(users.count)", "ldap.groups": "\(resolved.groups.count)",
                "duration": "\(ContinuousClock.now - started)",
            ]
        )
        return DirectorySnapshot(users: users, groups: resolved.groups, warnings: warnings + resolved.warnings)
    }

    /// Reads the users; once `indexIfReady` returns the groups' index, each user is also looked up among
    /// the groups' members as it arrives (the users before it are caught up), which takes that work off the
    /// time after the last page.
    private func readUsers(
        indexIfReady: () -> GroupIndex?
    ) throws -> (users: [DirectoryUser], warnings: [DirectoryWarning], leaves: [GroupIndex.UserLeaves]) {
        let connection = try connect()
        var decoder = UserEntryDecoder(schema: configuration.schema)
        var users: [DirectoryUser] = []
        var warnings: [DirectoryWarning] = []
        var index: GroupIndex?
        var leaves: [GroupIndex.UserLeaves] = []
        var normalizer = DistinguishedName.Normalizer()
        try connection.pagedSearchMessages(
            base: configuration.users.base,
            scope: configuration.users.scope,
            filter: LDAPFilter.filter(for: configuration.users),
            attributes: decoder.requestedAttributes,
            pageSize: configuration.pageSize,
            operation: "search users",
            afterPage: { pageObserver?("search users", $0) },
            body: { entry in
                switch try decoder.decode(entry, connection: connection) {
                case .success(let user): users.append(user)
                case .failure(let warning): warnings.append(warning.warning)
                }
                if index == nil, users.count % 256 == 0 { index = indexIfReady() }
                if let index {
                    while leaves.count < users.count {
                        leaves.append(index.leaves(of: users[leaves.count], normalizer: &normalizer))
                    }
                }
            }
        )
        return (users, warnings, leaves)
    }
}

/// Runs blocking work on a new thread, off Swift's cooperative pool, and returns its result.
func runOnDedicatedThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.name = "organizer-sync.ldap"
        thread.stackSize = 8 << 20
        thread.start()
    }
}
