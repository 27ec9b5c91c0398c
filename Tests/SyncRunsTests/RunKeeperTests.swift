import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncApply
import SyncPlanning
import SyncRuns
import Testing

/// The runs folder: each reconcile run's plan and summary, and the oldest runs pruned.
@Suite struct RunKeeperTests {
    @Test func aFileThatCannotBeWrittenIsNamedWithWhatToCheck() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        // The parent "folder" is a regular file: no folder can be made there.
        let blocker = folder.path + "/not-a-folder"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let target = blocker + "/plan.json"
        do {
            try RunKeeper.writeAtomically(Data("{}".utf8), to: target)
            Issue.record("wrote under a regular file")
        } catch let error as RunError {
            #expect(error.code == .writeFailed)
            #expect(error.exitReason == .failure)
            #expect("\(error)".hasPrefix("cannot write \(target): the folder \(blocker) cannot be created"))
            #expect("\(error)".contains("may write in it"))
            #expect(!"\(error)".contains("NSCocoaErrorDomain"))
        }
    }

    @Test func keepsThePlanAndTheSummaryOwnerOnlyAndPrunesTheOldestRuns() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let runs = folder.path + "/runs"
        let plan = try Plan(
            toolVersion: ToolVersion.current,
            createdAt: "2027-01-15T08:00:00Z",
            configDigest: "c",
            targets: []
        )
        .sealed()
        for run in ["20270101T000000Z-1", "20270102T000000Z-2", "20270103T000000Z-3"] {
            let keeper = RunKeeper(folder: runs, run: run, keep: 2)
            let file = try keeper.keep(plan: plan)
            #expect(try Plan.decodeVerified(from: Data(contentsOf: URL(fileURLWithPath: file))).digest == plan.digest)
            let summary = RunSummary(
                run: run,
                result: .succeeded,
                exitCode: ExitReason(RunOutcome.succeeded).rawValue,
                startedAt: "2027-01-15T08:00:00Z",
                finishedAt: "2027-01-15T08:00:01Z",
                durationSeconds: 1,
                plan: plan,
                planFile: file,
                report: nil,
                error: nil
            )
            try keeper.keep(summary: summary)
            keeper.prune()
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: runs).sorted()
        #expect(kept == ["20270102T000000Z-2", "20270103T000000Z-3"])
        let summaryFile = runs + "/20270103T000000Z-3/summary.json"
        let text = try String(contentsOfFile: summaryFile, encoding: .utf8)
        #expect(text.contains(#""result" : "succeeded""#), "\(text)")
        let mode = try FileManager.default.attributesOfItem(atPath: summaryFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func everyOutcomeHasItsExitCode() {
        let codes = RunOutcome.allCases.map { ExitReason($0).rawValue }
        #expect(codes == [0, 6, 3, 1, 6, 0, 0])  // accept-break and rebuild end with 0
    }
}
