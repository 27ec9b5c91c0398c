import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import StateStore
import Testing

/// 100,000 managed accounts: the planner reads the whole state of a target on every plan.
///
/// Prints how long
/// opening the store and reading the state take (figures for the README, not asserted: machines differ).
@Suite struct StateStoreScaleTests {
    @Test func aHundredThousandAccountsRoundTrip() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let count = 100_000
            let accounts = (0..<count).map { index in
                StateStoreFixtures.account(
                    index,
                    suspendedAt: index % 10 == 0 ? 1_700_000_000 : nil,
                    licences: index % 10 == 0 ? ["licence-a", "licence-b"] : []
                )
            }
            let clock = ContinuousClock()
            var started = clock.now
            do {
                let database = try StateDatabase(path: path)
                try database.saveManaged(contentsOf: accounts, target: "big")
                try database.saveManaged(StateStoreFixtures.account(0, providerID: "other"), target: "small")
            }
            let write = clock.now - started

            started = clock.now
            let database = try StateDatabase(path: path)
            let open = clock.now - started
            started = clock.now
            let state = try database.state(target: "big")
            let read = clock.now - started
            started = clock.now
            let small = try database.state(target: "small")
            let readSmall = clock.now - started

            #expect(state.accounts.count == count)
            #expect(Set(state.accounts) == Set(accounts))
            #expect(small.accounts.count == 1)
            print(
                "state store, \(count) accounts: write (one transaction) \(write), open \(open), "
                    + "state(target:) \(read), a 1-account target beside them \(readSmall)"
            )
        }
    }
}
