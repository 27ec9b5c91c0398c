import AsyncHTTPClient
import Logging
import OrganizerSyncCore
import ProviderClients

/// Benchmarks of a provider target, for the command line's `bench` subcommand (against the simulator or,
/// carefully, a real tenant: the change benchmark creates and deletes accounts under its own domain).
enum ProviderBenchmark {
    /// What listing every account cost.
    struct ListingResult: Sendable, CustomStringConvertible {
        /// Accounts listed.
        var accounts: Int
        /// HTTP requests made, token calls and retries included.
        var requests: Int
        /// Retried requests.
        var retries: Int
        /// Wall time.
        var wallTime: Duration

        var description: String {
            "listed \(accounts) accounts with \(requests) requests (\(retries) retries) in \(wallTime)"
        }
    }

    /// What a run of mixed changes achieved.
    struct ChangesResult: Sendable, CustomStringConvertible {
        /// Changes attempted (create, update, suspend, reactivate, delete: five per bench account).
        var attempted: Int
        /// Changes the provider confirmed.
        var succeeded: Int
        /// Changes that failed for good, plus bench accounts left in the wrong state afterwards.
        var lost: Int
        /// Bench emails held by more than one account afterwards (must be 0).
        var duplicates: Int
        /// HTTP requests made.
        var requests: Int
        /// Retried requests.
        var retries: Int
        /// 429/423 answers received.
        var throttled: Int
        /// Wall time.
        var wallTime: Duration
        /// Confirmed changes per second.
        var changesPerSecond: Double {
            let seconds = Double(wallTime.components.seconds) + Double(wallTime.components.attoseconds) / 1e18
            return seconds > 0 ? Double(succeeded) / seconds : 0
        }

        var description: String {
            let rate = (changesPerSecond * 10).rounded() / 10
            return
                "\(succeeded)/\(attempted) changes in \(wallTime) (\(rate)/s), \(lost) lost, \(duplicates) duplicates, "
                + "\(requests) requests, \(retries) retries, \(throttled) throttled"
        }
    }

    /// Lists every account of the target once.
    static func listAll(
        _ configuration: ProviderConfiguration,
        httpClient: HTTPClient,
        logger: Logger
    ) async throws -> ListingResult {
        let client = makeMeasuredAccountProvider(
            configuration,
            transport: AsyncHTTPClientTransport(client: httpClient),
            clock: ContinuousClock(),
            logger: logger
        )
        let start = ContinuousClock.now
        let accounts = try await client.listAccounts()
        let stats = client.statistics
        return ListingResult(
            accounts: accounts.count,
            requests: stats.requests,
            retries: stats.retries,
            wallTime: ContinuousClock.now - start
        )
    }

    /// Runs `count` changes, `concurrency` at a time: each bench account `bench-<run>-<n>@<domain>` is
    /// created, updated, suspended, reactivated and deleted in turn.
    ///
    /// Afterwards the target is listed to
    /// count duplicates and accounts left behind. New accounts get the licences an existing active account
    /// holds (GoTo suspends by removing licences, so a bench account needs one to be reactivated).
    static func mixedChanges(
        _ configuration: ProviderConfiguration,
        count: Int,
        concurrency: Int = 8,
        domain: String = "bench.example.com",
        httpClient: HTTPClient,
        logger: Logger
    ) async throws -> ChangesResult {
        let client = makeMeasuredAccountProvider(
            configuration,
            transport: AsyncHTTPClientTransport(client: httpClient),
            clock: ContinuousClock(),
            logger: logger
        )
        let licences = try await client.listAccounts().first {
            $0.status == .active && !$0.isAdmin && !$0.licences.isEmpty
        }?
        .licences
        let run = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let units = max(1, count / 5)
        let start = ContinuousClock.now
        var succeeded = 0
        var failed = 0
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            var next = 0
            func addUnit() {
                let email = "bench-\(run)-\(next)@\(domain)"
                group.addTask { await lifecycle(client, email: email, licences: licences, logger: logger) }
                next += 1
            }
            while next < min(units, max(1, concurrency)) { addUnit() }
            while let (done, lost) = try await group.next() {
                succeeded += done
                failed += lost
                if next < units { addUnit() }
            }
        }
        let wallTime = ContinuousClock.now - start
        let remaining = try await client.listAccounts().filter { $0.email.hasPrefix("bench-\(run)-") }
        var perEmail: [String: Int] = [:]
        for account in remaining { perEmail[account.email.lowercased(), default: 0] += 1 }
        let stats = client.statistics
        return ChangesResult(
            attempted: units * 5,
            succeeded: succeeded,
            lost: failed + perEmail.count,
            duplicates: perEmail.values.reduce(0) { $0 + max(0, $1 - 1) },
            requests: stats.requests,
            retries: stats.retries,
            throttled: stats.throttled,
            wallTime: wallTime
        )
    }

    /// One bench account's five changes; returns (confirmed, failed).
    private static func lifecycle(
        _ client: any MeasuredAccountProvider,
        email: String,
        licences: [String]?,
        logger: Logger
    ) async -> (Int, Int) {
        var done = 0
        do {
            var account = try await client.create(
                AccountFields(email: email, firstName: "Bench", lastName: "User", licences: licences)
            )
            done += 1
            account = try await client.update(account, with: AccountFields(email: email, lastName: "Changed"))
            done += 1
            account = try await client.suspend(account)
            done += 1
            account = try await client.reactivate(account)
            done += 1
            try await client.delete(account)
            done += 1
            return (done, 0)
        } catch {
            logger.warning("bench change failed", metadata: ["error": "\(error)"])
            return (done, 5 - done)
        }
    }
}
