import ArgumentParser
import Foundation
import OrganizerSyncTestSupport
import SyncPlanning
import SyncRuns
import Testing

@testable import organizer_sync

/// `keygen` and `approve` end through the one exit path with their documented codes.
@Suite struct ApproveKeygenExitTests {
    @Test func keygenWritesAKeyOnceAndRefusesToOverwriteIt() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let keygen = try KeygenCommand.parse(["--out", folder.path + "/reviewer.key"])
        #expect(await CommandExit.status { try await keygen.execute() } == .success)
        let mode = try FileManager.default.attributesOfItem(atPath: folder.path + "/reviewer.key")[.posixPermissions]
        #expect((mode as? Int).map { $0 & 0o077 } == 0)
        #expect(await CommandExit.status { try await keygen.execute() } == .failure)
    }

    @Test func approveSignsASealedPlanRefusesAnAlteredOneAndFailsWithoutAKey() async throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let key = folder.path + "/reviewer.key"
        let keygen = try KeygenCommand.parse(["--out", key])
        #expect(await CommandExit.status { try await keygen.execute() } == .success)
        let planFile = folder.path + "/plan.json"
        let plan = try ExitReasonTests.plan(desired: [ExitReasonTests.user("u1", "one@example.com")]).sealed()
        try plan.encoded().write(to: URL(fileURLWithPath: planFile))
        let arguments = ["--name", "Rita Reviewer", "--reason", "CAB 12"]

        let approve = try ApproveCommand.parse([planFile, "--key-file", key] + arguments)
        #expect(await CommandExit.status { try await approve.execute() } == .success)
        #expect(try ApplyRun.readPlan(planFile).approvals?.count == 1)

        let noKey = try ApproveCommand.parse([planFile, "--key-file", folder.path + "/none.key"] + arguments)
        #expect(await CommandExit.status { try await noKey.execute() } == .failure)

        let text = try String(contentsOfFile: planFile, encoding: .utf8)
        try text.replacingOccurrences(of: "one@example.com", with: "two@example.com")
            .write(toFile: planFile, atomically: true, encoding: .utf8)
        #expect(await CommandExit.status { try await approve.execute() } == .planRefused)
    }
}
