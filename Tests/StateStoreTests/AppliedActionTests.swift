import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import StateStore
import Testing

@Suite struct AppliedActionTests {
    @Test func marksAreKeptPerPlanAndTarget() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            do {
                let database = try StateDatabase(path: path)
                try database.markApplied(planDigest: "plan-a", actionIndex: 0, target: "zoom")
                try database.markApplied(planDigest: "plan-a", actionIndex: 7, target: "zoom")
                try database.markApplied(planDigest: "plan-a", actionIndex: 7, target: "zoom")  // twice: harmless
                try database.markApplied(planDigest: "plan-a", actionIndex: 0, target: "goto")
                try database.markApplied(planDigest: "plan-b", actionIndex: 1, target: "zoom")
            }
            let database = try StateDatabase(path: path)
            #expect(try database.appliedActions(planDigest: "plan-a") == ["zoom#0", "zoom#7", "goto#0"])
            #expect(try database.appliedActions(planDigest: "plan-b") == ["zoom#1"])
            #expect(try database.appliedActions(planDigest: "plan-c").isEmpty)
        }
    }

    @Test func marksOlderThanTheCutoffArePruned() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            try database.markApplied(planDigest: "old", actionIndex: 0, target: "zoom")
            let cutoff = Date().addingTimeInterval(1)
            #expect(try database.pruneAppliedActions(before: Date().addingTimeInterval(-3600)) == 0)
            #expect(try database.pruneAppliedActions(before: cutoff) == 1)
            #expect(try database.appliedActions(planDigest: "old").isEmpty)
        }
    }

    @Test func aMarkAndItsAccountChangeAreOneTransaction() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            try database.markApplied(
                planDigest: "p",
                actionIndex: 0,
                target: "t",
                recording: .save(StateStoreFixtures.account(1))
            )
            try database.saveManaged(StateStoreFixtures.account(2, providerID: "taken"), target: "t")
            // The save is refused (provider id conflict), so the mark is not kept either.
            let error = #expect(throws: StateStoreError.self) {
                try database.markApplied(
                    planDigest: "p",
                    actionIndex: 1,
                    target: "t",
                    recording: .save(StateStoreFixtures.account(3, providerID: "taken"))
                )
            }
            #expect(error?.code == .providerIDConflict)
            try database.markApplied(
                planDigest: "p",
                actionIndex: 2,
                target: "t",
                recording: .forget(anchor: "anchor-1")
            )
            #expect(try database.appliedActions(planDigest: "p") == ["t#0", "t#2"])
            #expect(try database.state(target: "t").accounts.map(\.anchor) == ["anchor-2"])
        }
    }

    @Test func aMarkNeedsADigestAndAnIndex() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let database = try StateDatabase(path: path)
            #expect(throws: StateStoreError.self) {
                try database.markApplied(planDigest: "", actionIndex: 0, target: "t")
            }
            #expect(throws: StateStoreError.self) {
                try database.markApplied(planDigest: "p", actionIndex: -1, target: "t")
            }
            #expect(try database.appliedActions(planDigest: "").isEmpty)
        }
    }
}
