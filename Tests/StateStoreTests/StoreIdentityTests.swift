import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

@testable import StateStore

@Suite struct StoreIdentityTests {
    @Test func aStoreHasAnIdentityAndAGenerationThatRunsAdvance() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            let first = try database.identity()
            #expect(first.generation == 0 && UUID(uuidString: first.id) != nil)
            try database.beginRun(RunRecord(id: "r1", command: "apply", startedAt: Date(), user: "u", host: "h"))
            #expect(try database.advanceGeneration(for: "r1") == StoreIdentity(id: first.id, generation: 1))
            #expect(try StateDatabase(path: path).identity().generation == 1)
            try database.recordAuditHead(seq: 3, hash: String(repeating: "a", count: 64), run: "r1")
            let recorded = try #require(try database.recordedAuditHead())
            #expect(recorded.seq == 3 && recorded.openRuns == ["r1"])
            try database.finishRun(id: "r1", finished: Date(), result: .succeeded, counts: [:], auditHead: nil)
            #expect(try database.recordedAuditHead()?.openRuns == [])
            let renewed = try database.startNewIdentity()
            #expect(renewed.id != first.id && renewed.generation == 0)
            #expect(try database.recordedAuditHead() == nil)
        }
    }

    @Test func aV1StoreFromThePreviousReleaseUpgradesInPlace() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            do {
                let database = try StateDatabase(path: path)
                try database.saveManaged(StateStoreFixtures.account(1), target: "t")
                try database.beginRun(RunRecord(id: "r1", command: "apply", startedAt: Date(), user: "u", host: "h"))
                try database.finishRun(
                    id: "r1",
                    finished: Date(),
                    result: .succeeded,
                    counts: ["succeeded": 1],
                    auditHead: (seq: 7, hash: String(repeating: "b", count: 64))
                )
                // Back to exactly the v1 schema the previous release wrote.
                try database.execute(
                    sql: """
                        DROP TABLE store_identity;
                        ALTER TABLE run DROP COLUMN state_generation;
                        DELETE FROM grdb_migrations WHERE identifier = 'v2';
                        """
                )
            }
            let upgraded = try StateDatabase(path: path)
            #expect(try upgraded.identity().generation == 0)
            #expect(try upgraded.state(target: "t").accounts.count == 1)
            #expect(try upgraded.lastAuditHead()?.seq == 7)
            #expect(try upgraded.runs(limit: 5).map(\.id) == ["r1"])
        }
    }

    @Test func aDamagedStoreIsRefusedByQuickCheck() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            do {
                let database = try StateDatabase(path: path)
                try database.saveManaged(contentsOf: (1...400).map { StateStoreFixtures.account($0) }, target: "t")
                _ = try database.pragma("wal_checkpoint(TRUNCATE)")
            }
            // Overwrite the middle of the file (past the header page) with junk.
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seek(toOffset: 8192)
            try handle.write(contentsOf: Data(repeating: 0xA5, count: 8192))
            try handle.close()
            let error = #expect(throws: StateStoreError.self) { try StateDatabase(path: path) }
            #expect(error?.code == .corrupt, "\(String(describing: error))")
            #expect(error?.description.contains("rebuild --from-audit") == true)
        }
    }
}
