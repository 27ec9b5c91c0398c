import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

@testable import StateStore

@Suite struct StateDatabaseTests {
    @Test func aFreshFileIsMigratedToWALWithFullSync() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            #expect(try database.pragma("journal_mode") == "wal")
            #expect(try database.pragma("synchronous") == "2")  // FULL
            #expect(try database.state(target: "zoom-prod") == SyncState())
            #expect(try database.runs(limit: 10).isEmpty)
            #expect(try database.lastAuditHead() == nil)
        }
    }

    @Test func reopeningKeepsEverything() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            do {
                let database = try StateDatabase(path: path)
                try database.saveManaged(
                    StateStoreFixtures.account(1, suspendedAt: 1_700_000_000, licences: ["a", "b"]),
                    target: "goto"
                )
                try database.setLastInScopeCount(42, target: "goto")
            }
            let reopened = try StateDatabase(path: path)
            let state = try reopened.state(target: "goto")
            #expect(state.lastInScopeCount == 42)
            #expect(
                state.accounts == [StateStoreFixtures.account(1, suspendedAt: 1_700_000_000, licences: ["a", "b"])]
            )
        }
    }

    @Test func upsertForgetAndStateRoundTripPerTarget() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            try database.saveManaged(StateStoreFixtures.account(2), target: "zoom")
            try database.saveManaged(StateStoreFixtures.account(1), target: "zoom")
            try database.saveManaged(StateStoreFixtures.account(1, providerID: "other-1"), target: "webex")
            let pending = SyncState.ManagedAccount(anchor: "anchor-3", providerID: nil, email: "user3@example.com")
            let alsoPending = SyncState.ManagedAccount(anchor: "anchor-4", providerID: nil, email: "user4@example.com")
            try database.saveManaged(pending, target: "zoom")
            try database.saveManaged(alsoPending, target: "zoom")  // two pending accounts: no provider id conflict
            try database.setLastInScopeCount(3, target: "zoom")

            var updated = StateStoreFixtures.account(2)
            updated.email = "renamed@example.com"
            updated.suspendedAt = 1_700_000_123.5
            updated.suspendedLicences = ["lic-1"]
            try database.saveManaged(updated, target: "zoom")

            let zoom = try database.state(target: "zoom")
            #expect(zoom.accounts == [StateStoreFixtures.account(1), updated, pending, alsoPending])  // anchor order
            #expect(zoom.lastInScopeCount == 3)
            let webex = try database.state(target: "webex")
            #expect(webex.accounts == [StateStoreFixtures.account(1, providerID: "other-1")])
            #expect(webex.lastInScopeCount == nil)

            try database.forgetManaged(anchor: "anchor-1", target: "zoom")
            try database.forgetManaged(anchor: "never-stored", target: "zoom")
            try database.setLastInScopeCount(0, target: "zoom")
            #expect(
                try database.state(target: "zoom")
                    == SyncState(accounts: [updated, pending, alsoPending], lastInScopeCount: 0)
            )
            #expect(try database.state(target: "webex").accounts.count == 1)
            #expect(try database.state(target: "goto") == SyncState())
        }
    }

    @Test func aProviderIDHeldByAnotherAnchorIsRefused() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            try database.saveManaged(StateStoreFixtures.account(1, providerID: "shared"), target: "zoom")
            // Another target may hold the same id (different tenants).
            try database.saveManaged(StateStoreFixtures.account(2, providerID: "shared"), target: "goto")
            let error = #expect(throws: StateStoreError.self) {
                try database.saveManaged(StateStoreFixtures.account(2, providerID: "shared"), target: "zoom")
            }
            #expect(error?.code == .providerIDConflict)
            let description = error?.description ?? ""
            #expect(description.contains(path))
            #expect(description.contains("zoom"))
            for personal in ["shared", "anchor-1", "anchor-2", "user2@example.com"] {
                #expect(!description.contains(personal))
            }
            #expect(error?.debugDescription.contains("anchor-1") == true)
            // Nothing changed; the same anchor may keep its own id.
            #expect(
                try database.state(target: "zoom").accounts == [StateStoreFixtures.account(1, providerID: "shared")]
            )
            try database.saveManaged(StateStoreFixtures.account(1, providerID: "shared"), target: "zoom")
        }
    }

    @Test func aBatchIsAllOrNothing() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            try database.saveManaged(StateStoreFixtures.account(9, providerID: "taken"), target: "t")
            let batch =
                (0..<5).map { StateStoreFixtures.account($0) } + [StateStoreFixtures.account(5, providerID: "taken")]
            #expect(throws: StateStoreError.self) { try database.saveManaged(contentsOf: batch, target: "t") }
            #expect(try database.state(target: "t").accounts.map(\.anchor) == ["anchor-9"])
            try database.saveManaged(contentsOf: Array(batch.dropLast()), target: "t")
            #expect(try database.state(target: "t").accounts.count == 6)
        }
    }

    @Test func emptyNamesAndNegativeCountsAreRefused() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            let emptyAnchor = SyncState.ManagedAccount(anchor: "", providerID: "p", email: "e@example.com")
            #expect(throws: StateStoreError.self) { try database.saveManaged(emptyAnchor, target: "t") }
            #expect(throws: StateStoreError.self) {
                try database.saveManaged(StateStoreFixtures.account(1), target: "")
            }
            #expect(throws: StateStoreError.self) { try database.setLastInScopeCount(-1, target: "t") }
        }
    }

    @Test func concurrentWritersAllLand() async throws {
        let folder = try TemporaryDirectory(prefix: "state-store")
        defer { folder.remove() }
        let database = try StateDatabase(path: folder.url.appendingPathComponent("state.sqlite").path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<64 {
                group.addTask { try database.saveManaged(StateStoreFixtures.account(index), target: "t") }
            }
            try await group.waitForAll()
        }
        #expect(try database.state(target: "t").accounts.count == 64)
    }

    @Test func foldersAreCreated0700AndFiles0600() throws {
        try StateStoreFixtures.withDatabasePath("a/b/state.sqlite") { path, folder in
            let database = try StateDatabase(path: path)
            try database.saveManaged(StateStoreFixtures.account(1), target: "t")
            #expect(StateStoreFixtures.mode(folder.path + "/a") == 0o700)
            #expect(StateStoreFixtures.mode(folder.path + "/a/b") == 0o700)
            #expect(StateStoreFixtures.mode(path) == 0o600)
            #expect(StateStoreFixtures.mode(path + "-wal") == 0o600)
            #expect(StateStoreFixtures.mode(path + "-shm") == 0o600)
            let lock = try StateLock.acquire(databasePath: path, command: "apply plan.json")
            defer { lock.release() }
            #expect(StateStoreFixtures.mode(path + ".lock") == 0o600)
        }
    }

    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            do {
                let database = try StateDatabase(path: path)
                try database.saveManaged(StateStoreFixtures.account(1), target: "t")
                try database.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
            }
            let error = #expect(throws: StateStoreError.self) { try StateDatabase(path: path) }
            #expect(error?.code == .newerVersion)
            #expect(
                error?.description
                    == "state store \(path): written by a newer organizer-sync (schema migrations v99 are unknown to "
                    + "this version, which knows v1, v2); use that version or a later one"
            )
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefused() throws {
        try StateStoreFixtures.withDatabasePath("state.sqlite") { path, _ in
            try Data(String(repeating: "not sqlite ", count: 100).utf8).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: StateStoreError.self) { try StateDatabase(path: path) }
            #expect(error?.code == .cannotOpen)
            #expect(error?.description.contains(path) == true)
            #expect(error?.description.contains("not a database") == true)
        }
    }

    @Test func aFolderThatCannotBeCreatedIsReported() throws {
        try StateStoreFixtures.withDatabasePath("file") { path, _ in
            try Data().write(to: URL(fileURLWithPath: path))  // a file where a folder should be
            let error = #expect(throws: StateStoreError.self) { try StateDatabase(path: path + "/sub/state.sqlite") }
            #expect(error?.code == .cannotOpen)
            #expect(error?.description.contains("cannot create the folder") == true)
            #expect(error?.description.hasSuffix("in a folder the user organizer-sync runs as owns") == true)
        }
    }

    @Test func damagedLicencesAreReportedNotGuessed() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            try database.saveManaged(StateStoreFixtures.account(1, licences: ["x"]), target: "t")
            try database.execute(sql: "UPDATE managed_account SET suspended_licences = 'not json'")
            let error = #expect(throws: StateStoreError.self) { try database.state(target: "t") }
            #expect(error?.code == .corrupt)
            #expect(error?.description.contains("anchor-1") == false)
        }
    }
}
