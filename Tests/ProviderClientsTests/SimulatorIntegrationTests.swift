import Foundation
import OrganizerSyncCore
import ProviderClients
import ProviderSimulator
import Testing

/// The clients against the provider simulator over real HTTP on loopback.
@Suite(.serialized) struct SimulatorIntegrationTests {
    @Test(arguments: ProviderKind.allCases)
    func everyOperation(_ kind: ProviderKind) async throws {
        try await withSimulator { simulator in
            let target = try SimulatedTarget(kind, simulator: simulator, seed: .demo)
            let client = target.client
            let before = try await client.listAccounts()
            #expect(before.count == (await simulator.accounts(kind.simulated)).count)
            #expect(before.contains { $0.isAdmin })
            let licences = before.first { !$0.licences.isEmpty }?.licences

            let created = try await client.create(
                AccountFields(email: "new.person@example.com", firstName: "New", lastName: "Person", licences: licences)
            )
            #expect(created.id != nil)
            let found = try #require(try await client.account(email: "new.person@example.com"))
            #expect(found.id == created.id)
            #expect(try await client.account(email: "nobody.here@example.com") == nil)

            let updated = try await client.update(found, with: AccountFields(email: found.email, lastName: "Renamed"))
            #expect(updated.lastName == "Renamed")
            #expect((await simulator.accounts(kind.simulated)).first { $0.id == created.id }?.lastName == "Renamed")

            let active = try #require(before.first { $0.status == .active && !$0.isAdmin })
            let suspended = try await client.suspend(active)
            #expect(suspended.status == .suspended)
            #expect(try await client.account(email: active.email)?.status == .suspended)
            let reactivated = try await client.reactivate(suspended)
            #expect(reactivated.status == .active)
            #expect(try await client.account(email: active.email)?.status == .active)

            try await client.delete(found)
            #expect(try await client.account(email: "new.person@example.com") == nil)
            #expect(!(await simulator.accounts(kind.simulated)).contains { $0.email == "new.person@example.com" })
            if kind == .zoom {
                // The new user was still pending (an invitation), so it went with `disassociate`; an active
                // user must go with `action=delete`, never the default disassociation.
                try await client.delete(reactivated)
                let deletes = (await simulator.requestLog()).filter { $0.method == "DELETE" }.map { $0.query ?? "" }
                #expect(deletes.count == 2)
                #expect(deletes.first?.contains("action=disassociate") == true)
                #expect(deletes.last?.contains("action=delete") == true)
                #expect(!(await simulator.accounts(.zoom)).contains { $0.email == active.email })
            }
            #expect(target.leakingLogLines().isEmpty)
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func paginationAcrossManyPages(_ kind: ProviderKind) async throws {
        let seed = SimulatorSeed.generated(accountsPerProvider: 2_500)
        try await withSimulator(seed: seed) { simulator in
            let target = try SimulatedTarget(kind, simulator: simulator, seed: seed, pageSize: 100)
            let accounts = try await target.client.listAccounts()
            let expected = await simulator.accounts(kind.simulated)
            #expect(accounts.count == expected.count)
            #expect(Set(accounts.map { $0.email.lowercased() }).count == expected.count)
            #expect(target.client.statistics.requests >= 25)
            if kind == .zoom {
                #expect(accounts.contains { $0.status == .pending && $0.id == nil })
                #expect(accounts.contains { $0.status == .suspended })
            }
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func tokenExpiringMidRun(_ kind: ProviderKind) async throws {
        try await withSimulator { simulator in
            let target = try SimulatedTarget(kind, simulator: simulator, seed: .demo)
            _ = try await target.client.listAccounts()
            await simulator.expireAllTokens()
            _ = try await target.client.listAccounts()
            let tokenCalls = (await simulator.requestLog()).filter { $0.path.hasSuffix("token") }
            #expect(tokenCalls.count == 2)
            #expect((await simulator.requestLog()).contains { $0.status == 401 })
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func shortLivedTokensAreRenewedBeforeExpiry(_ kind: ProviderKind) async throws {
        let knobs = SimulatorKnobs.everyProvider { $0.tokenLifetimeSeconds = 1 }
        try await withSimulator(knobs: knobs) { simulator in
            let target = try SimulatedTarget(kind, simulator: simulator, seed: .demo)
            for _ in 0..<3 {
                _ = try await target.client.account(email: "nobody@example.com")
                try await Task.sleep(for: .milliseconds(1100))
            }
            let log = await simulator.requestLog()
            #expect(log.filter { $0.path.hasSuffix("token") }.count >= 3)
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func a429StormIsRiddenOut(_ kind: ProviderKind) async throws {
        // 60 lookups, 50 of them sent at once, against 10 requests/s: a storm of 429s even on a machine
        // so loaded that the burst spreads over a few seconds.
        var knobs = SimulatorKnobs.everyProvider { $0.requestsPerSecond = 10 }
        knobs.webex.lockedRate = 0.05
        try await withPatientClient(
            kind,
            knobs: knobs,
            backoff: .milliseconds(100),
            upTo: .seconds(2)
        ) { client, simulator in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<60 {
                    group.addTask { _ = try await client.account(email: "storm\(index)@example.com") }
                }
                try await group.waitForAll()
            }
            #expect(client.statistics.throttled > 0)
            #expect((await simulator.requestLog()).contains { $0.status == 429 })
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func faultyCreatesNeverDuplicate(_ kind: ProviderKind) async throws {
        let faults = ProviderKnobs(errorRate: 0.25, dropRate: 0.1, hangRate: 0.1, faultAfterFraction: 0.5)
        var knobs = SimulatorKnobs.everyProvider(of: SimulatorKnobs(seed: 7)) { $0 = faults }
        knobs.webex.tokenLifetimeSeconds = 3600
        // 45% of requests fail on purpose; a generous retry budget keeps the chance that one create
        // runs out of retries negligible (0.45^31), so the test checks duplicates, not luck.
        try await withPatientClient(
            kind,
            knobs: knobs,
            timeout: .milliseconds(700),
            backoff: .milliseconds(20),
            upTo: .milliseconds(500)
        ) { client, simulator in
            let emails = (0..<24).map { "faulty\($0)@example.com" }
            let results = await withTaskGroup(of: Bool.self) { group in
                for email in emails {
                    group.addTask { (try? await client.create(AccountFields(email: email, firstName: "F"))) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            let held = await simulator.accounts(kind.simulated).filter { $0.email.hasPrefix("faulty") }
            var counts: [String: Int] = [:]
            for account in held { counts[account.email.lowercased(), default: 0] += 1 }
            #expect(counts.values.allSatisfy { $0 == 1 }, "duplicates: \(counts.filter { $0.value > 1 })")
            #expect(results.filter { $0 }.count == emails.count)
            #expect(Set(held.map { $0.email.lowercased() }) == Set(emails))
            #expect(client.statistics.uncertainCreates > 0)
        }
    }

    @Test(arguments: ProviderKind.allCases)
    func noSecretInLogsOrErrors(_ kind: ProviderKind) async throws {
        try await withSimulator { simulator in
            let wrong = "wrong-secret-\(UUID().uuidString)"
            let target = try SimulatedTarget(kind, simulator: simulator, seed: .demo, clientSecretOverride: wrong)
            let error = await #expect(throws: ProviderError.self) { try await target.client.listAccounts() }
            #expect(error?.code == .authenticationFailed)
            for text in [error?.description ?? "", error?.debugDescription ?? "", "\(String(describing: error))"] {
                for secret in target.secrets { #expect(!text.contains(secret)) }
            }
            let good = try SimulatedTarget(kind, simulator: simulator, seed: .demo)
            _ = try await good.client.listAccounts()
            #expect(target.leakingLogLines().isEmpty)
            #expect(good.leakingLogLines().isEmpty)
        }
    }

    /// Runs `body` with `kind`'s client against a simulator with `knobs`, retrying up to 30 times with a backoff
    /// from `initialBackoff` up to `maxBackoff`: patient enough to ride out a storm of throttling or faults.
    private func withPatientClient(
        _ kind: ProviderKind,
        knobs: SimulatorKnobs,
        timeout: Duration = .seconds(10),
        backoff initialBackoff: Duration,
        upTo maxBackoff: Duration,
        _ body: (any MeasuredAccountProvider, ProviderSimulator) async throws -> Void
    ) async throws {
        try await withSimulator(knobs: knobs) { simulator in
            let retry = ProviderConfiguration.RetryPolicy(
                maxRetries: 30,
                initialBackoff: initialBackoff,
                maxBackoff: maxBackoff
            )
            let target = try SimulatedTarget(kind, simulator: simulator, seed: .demo, timeout: timeout, retry: retry)
            try await body(target.client, simulator)
        }
    }
}
