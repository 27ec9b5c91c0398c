import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGTERM or SIGINT to a real `plan`, `reconcile` or `accounts` while it lists a provider whose listing pages
/// take 20 s each (the simulator's slow listing): the process ends within seconds of the signal, in the middle
/// of the page request, with exit 6 and a message naming the signal, and writes nothing (no plan file, no
/// accounts, no change; `reconcile` records its run as interrupted and leaves the lock free).
@Suite(.serialized) struct ListingSignalTests {
    /// Each Zoom listing page answers after this long: far longer than the test allows the command to stop.
    static let pageLatencyMilliseconds = 20_000

    @Test func sigtermStopsPlanWhileItLists() async throws {
        try await ApplyFixture.with(people: TestPerson.many(3), targets: [.standard(.zoom)]) { world in
            let out = world.folder.appendingPathComponent("interrupted-plan.json").path
            let result = try await Self.interrupt(world, ["plan", "--out", out, "--log-level", "info"], with: SIGTERM)
            #expect(result.status == 6, "\(result)")
            #expect(result.stderr.contains("plan stopped by SIGTERM"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "an interrupted plan wrote its file")
            #expect(!result.stdout.contains("Plan saved"), "\(result.stdout)")
        }
    }

    @Test func sigtermStopsReconcileWhileItListsAndRecordsTheRunAsInterrupted() async throws {
        try await ApplyFixture.with(people: TestPerson.many(3), targets: [.standard(.zoom)]) { world in
            let known = try world.keptRuns()
            let result = try await Self.interrupt(world, ["reconcile", "--log-level", "info"], with: SIGTERM)
            #expect(result.status == 6, "\(result)")
            #expect(result.stderr.contains("reconcile stopped by SIGTERM"), "\(result.stderr)")
            #expect(await world.writeRequests().isEmpty)
            #expect(await world.accounts(.zoom).filter { $0.email.hasPrefix("user") }.isEmpty)

            // The run is on record as interrupted; no plan was kept, only the summary saying so.
            let end = try #require(try world.auditRecords().last { $0["type"] as? String == "run-end" })
            #expect(end["result"] as? String == "interrupted", "\(end)")
            let runs = try world.keptRuns().filter { !known.contains($0) }
            try #require(runs.count == 1, "\(runs)")
            let kept = try FileManager.default.contentsOfDirectory(atPath: runs[0].path)
            #expect(!kept.contains("plan.json"), "\(kept)")
            let summary = try #require(
                JSONSerialization.jsonObject(with: Data(contentsOf: runs[0].appendingPathComponent("summary.json")))
                    as? [String: Any]
            )
            #expect(summary["result"] as? String == "interrupted", "\(summary)")
            #expect(world.lockHolder() == nil, "the lock is still held")

            // The lock is free and the log verifies: an undisturbed reconcile does the work.
            var knobs = await world.simulator.knobs()
            knobs.zoom.listLatencyMilliseconds = 0
            await world.simulator.setKnobs(knobs)
            #expect(try await world.run(["audit", "verify"]).status == 0)
            let rerun = try await world.run(["reconcile"])
            #expect(rerun.status == 0, "\(rerun)")
            #expect(await world.accounts(.zoom).filter { $0.email.hasPrefix("user") }.count == 3)
        }
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalStopsAccountsWhileItLists(_ signal: Int32) async throws {
        try await ApplyFixture.with(people: TestPerson.many(3), targets: [.standard(.zoom)]) { world in
            let result = try await Self.interrupt(world, ["accounts", "--target", "zoom"], with: signal)
            let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
            #expect(result.status == 6, "\(result)")
            #expect(result.stderr.contains("accounts stopped by \(name)"), "\(result.stderr)")
            #expect(result.stdout.isEmpty, "an interrupted listing printed: \(result.stdout)")
        }
    }

    /// Starts `arguments` against slow Zoom listing pages, sends `signal` once the command has its token
    /// (the listing's first page is then on its way) and expects it to end within 10 s of the signal.
    static func interrupt(
        _ world: ApplyFixture,
        _ arguments: [String],
        with signal: Int32
    ) async throws -> CLIProcess.Result {
        var knobs = await world.simulator.knobs()
        knobs.zoom.listLatencyMilliseconds = pageLatencyMilliseconds
        await world.simulator.setKnobs(knobs)
        let isToken: @Sendable (LoggedRequest) -> Bool = { $0.path.hasSuffix("/oauth/token") }
        let tokensBefore = await world.simulator.requestLog().count(where: isToken)
        let command = try await world.start(arguments)
        try await waitUntil("\(arguments[0]) has its token and lists", timeout: 60) {
            if command.hasEnded { throw ProcessRunnerError("\(arguments[0]) ended early: \(try await command.wait())") }
            return await world.simulator.requestLog().count(where: isToken) > tokensBefore
        }
        // Well inside the first page's 20 s.
        try await Task.sleep(for: .milliseconds(500))
        let signalled = ContinuousClock.now
        command.kill(signal)
        let result = try await command.wait(timeout: 60)
        let took = ContinuousClock.now - signalled
        #expect(took < .seconds(10), "\(arguments[0]) took \(took) to stop after the signal")
        return result
    }
}
