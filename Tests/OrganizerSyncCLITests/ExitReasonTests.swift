import ArgumentParser
import AuditLog
import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import StateStore
import SyncApply
import SyncPlanning
import SyncRuns
import Testing

@testable import organizer_sync

/// Every documented exit code, reached in process through the one exit path (`CommandExit.status`).
@Suite struct ExitReasonTests {
    /// An error that asks for a status, as a future check of the state store will ask for 8.
    struct RefusingError: Error, CustomStringConvertible, ExitReasonProviding {
        var exitReason: ExitReason
        var description: String { "refused" }
    }

    @Test func theCodesAreTheDocumentedOnesAndHelpListsEach() {
        #expect(ExitReason.allCases.map(\.rawValue) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 64])
        let discussion = OrganizerSync.configuration.discussion
        for status in ExitReason.allCases {
            let line = "\n  \(status.rawValue) "
            #expect(discussion.contains(line), "organizer-sync --help does not list exit code \(status.rawValue)")
        }
    }

    @Test func zeroForAPlanWithNothingToDoAndARunThatSucceeded() async {
        #expect(ExitReason(plan: Self.plan(desired: [])) == .success)
        #expect(ExitReason(RunOutcome.succeeded) == .success)
        #expect(await CommandExit.status { .success } == .success)
    }

    @Test func oneForAnyOtherError() async {
        let user = CommandError(.noSuchUser, "no directory user or account matches 'nobody'")
        #expect(await CommandExit.status { throw user } == .failure)
        #expect(await CommandExit.status { throw RunError(.noTargets, "c.yaml has no targets") } == .failure)
        #expect(await CommandExit.status { throw CocoaError(.fileNoSuchFile) } == .failure)
        #expect(ExitReason(RunOutcome.failed) == .failure)
        #expect(CommandExit.message(for: user) == "error: no directory user or account matches 'nobody'")
    }

    @Test func twoForAPlanWithChanges() {
        let plan = Self.plan(desired: [Self.user("u1", "one@example.com")])
        #expect(plan.hasChanges)
        #expect(ExitReason(plan: plan) == .changesPending)
    }

    @Test func threeForABlockedPlanOrATrippedGate() async {
        var policy = Self.lenient
        policy.createThreshold = PlanningPolicy.Threshold(maxCount: 0, maxShare: nil)
        let plan = Self.plan(desired: [Self.user("u1", "one@example.com")], policy: policy)
        #expect(plan.isBlocked)
        #expect(ExitReason(plan: plan) == .blocked)
        #expect(await CommandExit.status { throw ApplyError(.thresholdTripped, "creates 1 > 0") } == .blocked)
        #expect(await CommandExit.status { throw ApplyError(.blocked, "threshold.creates.count") } == .blocked)
        #expect(ExitReason(RunOutcome.blocked) == .blocked)
    }

    @Test func fourWhenAnotherRunHoldsTheLock() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let database = folder.path + "/state.sqlite"
        let held = try StateLock.acquire(databasePath: database, command: "organizer-sync reconcile")
        defer { held.release() }
        let status = await CommandExit.status {
            _ = try StateLock.acquire(databasePath: database, command: "organizer-sync apply plan.json")
            return .success
        }
        #expect(status == .locked)
    }

    @Test func fiveWhenTheAuditChainIsBroken() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let log = folder.path + "/audit.jsonl"
        let writer = try AuditLogWriter.open(path: log, run: "20261203T100000Z-1")
        try writer.append(.runEnd(.init(counts: ["succeeded": 1], result: .succeeded)))
        try writer.append(.runEnd(.init(counts: ["succeeded": 2], result: .succeeded)))
        writer.close()
        let verify = try AuditCommand.Verify.parse(["--log", log])
        #expect(await CommandExit.status { try await verify.execute() } == .success)

        let text = try String(contentsOfFile: log, encoding: .utf8)
        try text.replacingOccurrences(of: #""succeeded":1"#, with: #""succeeded":7"#)
            .write(toFile: log, atomically: true, encoding: .utf8)
        #expect(await CommandExit.status { try await verify.execute() } == .auditBroken)
    }

    @Test func sixWhenSomeChangesFailedOrTheRunWasInterrupted() {
        #expect(ExitReason(RunOutcome.partial) == .partial)
        #expect(ExitReason(RunOutcome.interrupted) == .partial)
    }

    @Test func sevenWhenThePlanIsRefused() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.path + "/plan.json"
        try Data(#"{"not":"a plan"}"#.utf8).write(to: URL(fileURLWithPath: file))
        #expect(
            await CommandExit.status {
                _ = try ApplyRun.readPlan(file)
                return .success
            } == .planRefused
        )
        #expect(await CommandExit.status { throw ApplyError(.planTooOld, "made 3 hours ago") } == .planRefused)
    }

    @Test func aMissingPlanFileIsNamedAsMissingNotTamperedAndIsOne() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.path + "/no-such-plan.json"
        do {
            _ = try ApplyRun.readPlan(file)
            Issue.record("a missing plan file was read")
        } catch {
            #expect("\(error)".hasPrefix("no plan file at \(file)"), "\(error)")
            #expect("\(error)".contains("organizer-sync plan --out"), "\(error)")
            #expect(!"\(error)".contains("planTampered"), "\(error)")
            #expect(ExitReason(for: error) == .failure)
        }
    }

    @Test func showPlanOfAMissingFileIsOneAsApplySaysNotARefusedPlan() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let file = folder.path + "/no-such-plan.json"
        let readError: (any Error)?
        do {
            _ = try ApplyRun.readPlan(file)
            readError = nil
        } catch {
            readError = error
        }
        let applySays = try #require(readError.map { ExitReason(for: $0) })
        let show = try ShowPlanCommand.parse([file])
        // Through the one exit path, as the process ends: the missing file's error maps to its code.
        #expect(await CommandExit.status { try await show.execute() } == applySays)
        #expect(applySays == .failure)
    }

    @Test func eightWhenTheStateStoreIsRefused() async {
        #expect(ExitReason.stateRefused.rawValue == 8)
        #expect(await CommandExit.status { throw RefusingError(exitReason: .stateRefused) } == .stateRefused)
    }

    @Test(arguments: [["plan", "--no-such-option"], ["no-such-command"], ["apply"], ["plan", "--format", "yaml"]])
    func sixtyFourForAUsageError(arguments: [String]) {
        #expect(throws: (any Error).self) { try OrganizerSync.parseAsRoot(arguments) }
        do {
            _ = try OrganizerSync.parseAsRoot(arguments)
        } catch {
            #expect(OrganizerSync.exitCode(for: error).rawValue == ExitReason.usage.rawValue)
        }
    }

    static func user(_ anchor: String, _ email: String) -> DesiredAccount {
        DesiredAccount(
            anchor: anchor,
            dn: "uid=\(anchor),ou=people,dc=example,dc=com",
            fields: AccountFields(email: email),
            isEnabled: true,
            scopeReasons: ["group:hosts"]
        )
    }

    /// A policy whose guards do not block an empty directory; thresholds as the planner's defaults.
    static let lenient = PlanningPolicy(
        guards: PlanningPolicy.Guards(blocksEmptyDirectory: false, minimumInScopeShare: nil)
    )

    static func plan(desired: [DesiredAccount], policy: PlanningPolicy = lenient) -> Plan {
        let target = Planner(policy: policy).plan(
            target: "zoom",
            provider: .zoom,
            desired: desired,
            accounts: [],
            state: SyncState(),
            now: Date(timeIntervalSince1970: 1_800_000_000),
            directoryAnchors: Set(desired.map(\.anchor))
        )
        return Plan(
            toolVersion: ToolVersion.current,
            createdAt: "2027-01-15T08:00:00Z",
            configDigest: "c",
            targets: [target]
        )
    }
}
