import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

extension LeftoverIntentTests {
    /// The number of `run-start` records in the log.
    static func runStarts(_ world: ApplyFixture) -> Int {
        ((try? world.auditRecords()) ?? []).count { $0["type"] as? String == "run-start" }
    }

    @Test("kill -9 during apply, kill -9 again while the next run lists the accounts: a third run resolves them all")
    func intentsOfTwoKilledRunsAreResolved() async throws {
        try await Self.afterKilledApply { world, planFile in
            let open = Self.openIntents(try world.auditRecords())
            try #require(open.count >= 2, "\(open)")

            // The recovering run is killed after its run-start, while it lists the provider's accounts (slow
            // now), before it wrote any resolution: it leaves the first run's intents open again.
            await world.setLatency(milliseconds: 5_000)
            let starts = Self.runStarts(world)
            let recovering = try await world.start(["apply", planFile])
            try await waitUntil("the recovering run has started") {
                if recovering.hasEnded { throw ProcessRunnerError("it ended: \(try await recovering.wait())") }
                return Self.runStarts(world) > starts
            }
            recovering.kill()
            _ = try await recovering.wait()
            try #require(try world.auditRecords().allSatisfy { $0["intent_seq"] == nil }, "it resolved some")
            await world.setLatency(milliseconds: 0)

            let third = try await world.run(["apply", planFile])
            #expect([0, 6].contains(third.status), "\(third)")
            let records = try world.auditRecords()
            let lastStart = try #require(records.lastIndex { $0["type"] as? String == "run-start" })
            var resolved: [Int: Int] = [:]
            for record in records[lastStart...] {
                if let seq = record["intent_seq"] as? Int { resolved[seq, default: 0] += 1 }
            }
            for intent in open {
                let seq = try #require(intent["seq"] as? Int)
                #expect(resolved[seq] == 1, "intent \(seq) resolved \(resolved[seq] ?? 0) time(s) by the third run")
            }
            #expect(Self.openIntents(records).count == open.count, "the runs left other intents open")
            let verify = try await world.run(["audit", "verify", "--format", "json"])
            #expect(verify.status == 0, "\(verify)")
            let verdict = try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any]
            #expect((verdict?["unresolvedIntents"] as? [Int])?.isEmpty == true, "\(verify.stdout)")
            let recovered = verdict?["recoveredIntents"] as? Int ?? 0
            let abandoned = verdict?["abandonedIntents"] as? Int ?? 0
            #expect(recovered + abandoned == open.count, "\(verify.stdout)")
        }
    }
}
