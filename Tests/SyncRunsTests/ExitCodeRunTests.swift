import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderSimulator
import StateStore
import SyncApply
import SyncPlanning
import SyncRuns
import Testing

/// The exit codes the other run suites do not reach, each through a real run in process: 1 (a target that is not
/// configured), 5 (an edited audit log), 8 (a lost state store) and 64 (a reason required and missing).
///
/// 0, 2, 3, 4, 6 and 7 are reached in ``PlanningRunTests``, ``ApplyRunTests`` and ``ReconcileRunTests``.
@Suite("Exit codes of real runs, in process")
struct ExitCodeRunTests {
    @Test func oneForATargetThatIsNotConfigured() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: .lifecycle(.webex)) { world in
            let error = await thrown {
                try await PlanningRun.run(configuration: try world.configuration(), names: ["nope"], logger: .quiet)
            }
            #expect((error as? RunError)?.code == .unknownTarget, "\(String(describing: error))")
            #expect("\(error.map { "\($0)" } ?? "")".contains("configured: webex"))
            #expect(error.map(ExitReason.init(for:)) == .failure)
            #expect(await world.writeRequests().isEmpty)
        }
    }

    @Test func fiveWhenTheAuditLogsLastRecordWasEditedAndTheNextRunRefusesToAppend() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: .lifecycle(.webex)) { world in
            let first = try await world.reconcile()
            try #require(first.ending.status == .success, "\(String(describing: first.failure))")
            // The last record (the run's end) rewritten in place: it no longer fits the head the state store recorded.
            var lines = try world.auditLines()
            let last = lines.removeLast()
            #expect(last.contains(#""result":"succeeded""#), "\(last)")
            lines.append(last.replacingOccurrences(of: #""result":"succeeded""#, with: #""result":"partial""#))
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: world.auditLog))

            let writes = await world.writeRequests().count
            let second = await thrown { try await world.reconcile() }
            #expect(second.map(ExitReason.init(for:)) == .auditBroken, "\(String(describing: second))")
            #expect(await world.writeRequests().count == writes, "a run went on over a broken chain")
        }
    }

    @Test func eightWhenTheStateStoreIsLostWhileTheLogShowsHistory() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: .lifecycle(.webex)) { world in
            let first = try await world.reconcile()
            try #require(first.ending.status == .success, "\(String(describing: first.failure))")
            try FileManager.default.removeItem(atPath: world.database)

            let writes = await world.writeRequests().count
            let error = await thrown { try await world.reconcile() }
            #expect((error as? StateStoreError)?.code == .refused, "\(String(describing: error))")
            #expect(error.map(ExitReason.init(for:)) == .stateRefused)
            #expect(await world.writeRequests().count == writes)
            #expect(!FileManager.default.fileExists(atPath: world.database), "the refused store was created")
        }
    }

    @Test func sixtyFourWhenAReasonIsRequiredAndMissing() async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: .lifecycle(.webex)) { world in
            let (_, file) = try await world.keptPlan()
            let yaml = try String(contentsOfFile: world.config, encoding: .utf8)
            try Data(yaml.replacingOccurrences(of: "apply:\n", with: "apply:\n  require_reason: true\n").utf8)
                .write(to: URL(fileURLWithPath: world.config))

            let error = await thrown { try await world.apply(file) }
            #expect((error as? RunError)?.code == .reasonRequired, "\(String(describing: error))")
            #expect(error.map(ExitReason.init(for:)) == .usage)
            #expect(await world.writeRequests().isEmpty)
            #expect(try world.auditTypes() == [])
        }
    }
}
