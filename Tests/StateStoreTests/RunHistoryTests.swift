import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import StateStore
import Testing

@Suite struct RunHistoryTests {
    static func run(_ id: String, startedAt seconds: Double) -> RunRecord {
        RunRecord(
            id: id,
            command: "organizer-sync apply plan.json",
            startedAt: Date(timeIntervalSince1970: seconds),
            user: "svc-sync",
            host: "sync01",
            configDigest: String(repeating: "c", count: 64),
            planDigest: String(repeating: "d", count: 64)
        )
    }

    @Test func runsComeNewestFirstUpToTheLimit() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            try database.beginRun(Self.run("r2", startedAt: 1_700_000_200))
            try database.beginRun(Self.run("r1", startedAt: 1_700_000_100))
            try database.beginRun(Self.run("r3", startedAt: 1_700_000_300))
            try database.beginRun(Self.run("r3b", startedAt: 1_700_000_300))  // same second: recorded later first
            #expect(try database.runs(limit: 10).map(\.id) == ["r3b", "r3", "r2", "r1"])
            #expect(try database.runs(limit: 2).map(\.id) == ["r3b", "r3"])
            #expect(try database.runs(limit: 0).isEmpty)
            #expect(try database.runs(limit: 1) == [Self.run("r3b", startedAt: 1_700_000_300)])  // unfinished
        }
    }

    @Test func finishingARunRecordsItsEndAndTheAuditHead() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            try database.beginRun(Self.run("r1", startedAt: 1_700_000_000))
            try database.finishRun(
                id: "r1",
                finished: Date(timeIntervalSince1970: 1_700_000_060),
                result: .partial,
                counts: ["succeeded": 12, "failed": 1],
                auditHead: (seq: 27, hash: String(repeating: "a", count: 64))
            )
            var expected = Self.run("r1", startedAt: 1_700_000_000)
            expected.finishedAt = Date(timeIntervalSince1970: 1_700_000_060)
            expected.result = .partial
            expected.counts = ["succeeded": 12, "failed": 1]
            expected.auditSeq = 27
            expected.auditHash = String(repeating: "a", count: 64)
            #expect(try StateDatabase(path: path).runs(limit: 5) == [expected])
            let head = try #require(try database.lastAuditHead())
            #expect(head.seq == 27 && head.hash == String(repeating: "a", count: 64))
        }
    }

    @Test func theAuditHeadIsTheLastOneWrittenNotTheLatestClock() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            /// Begins run `id` at `started` and finishes it at `finished` with `result`, no counts and `head`.
            func record(
                _ id: String,
                _ started: Double,
                _ finished: Double,
                _ result: RunOutcome,
                _ head: (seq: Int, hash: String)?
            ) throws {
                try database.beginRun(Self.run(id, startedAt: started))
                let end = Date(timeIntervalSince1970: finished)
                try database.finishRun(id: id, finished: end, result: result, counts: [:], auditHead: head)
            }
            try record("r1", 1_700_000_000, 1_700_009_000, .succeeded, (seq: 10, hash: "h10"))
            // The clock went back, and a run without an audit head (blocked before writing) finished after.
            try record("r2", 1_700_000_100, 1_700_000_200, .succeeded, (seq: 20, hash: "h20"))
            try record("r3", 1_700_000_300, 1_700_000_400, .blocked, nil)
            let head = try #require(try database.lastAuditHead())
            #expect(head.seq == 20 && head.hash == "h20")
            #expect(try database.runs(limit: 1).first?.auditSeq == nil)
        }
    }

    @Test func unknownAndDuplicateRunsAreRefused() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            let unknown = #expect(throws: StateStoreError.self) {
                try database.finishRun(id: "nope", finished: Date(), result: .failed, counts: [:], auditHead: (1, "h"))
            }
            #expect(unknown?.code == .unknownRun)
            #expect(try database.lastAuditHead() == nil)  // rolled back with the run update
            try database.beginRun(Self.run("r1", startedAt: 1_700_000_000))
            let duplicate = #expect(throws: StateStoreError.self) {
                try database.beginRun(Self.run("r1", startedAt: 1_700_000_500))
            }
            #expect(duplicate?.code == .duplicateRun)
            #expect(try database.runs(limit: 5).count == 1)
        }
    }
}
