import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

/// Intents a `kill -9` left without an outcome are resolved by the next run: `recovered` where the provider shows
/// the change made, `abandoned` otherwise, each linked to its intent by `intent_seq`.
@Suite("organizer-sync leftover intents")
struct LeftoverIntentTests {
    /// The intents of `records` with no outcome in the same run for the same change.
    static func openIntents(_ records: [[String: Any]]) -> [[String: Any]] {
        func key(_ record: [String: Any]) -> String {
            ["run", "target", "action", "anchor", "email"].map { record[$0] as? String ?? "" }.joined(separator: "|")
        }
        let finished = Set(records.filter { $0["type"] as? String == "outcome" }.map(key))
        return records.filter { $0["type"] as? String == "intent" && !finished.contains(key($0)) }
    }

    /// Runs `body` in a world of eight users to create on Webex, after a plan whose apply was killed (`kill -9`)
    /// with two changes in flight and the provider given the time to finish what it was sent; `body` gets the plan
    /// file.
    static func afterKilledApply(_ body: (ApplyFixture, String) async throws -> Void) async throws {
        try await ApplyFixture.with(
            people: TestPerson.standard + TestPerson.many(6),
            targets: [.standard(.webex)],
            seed: ApplyCommandTests.lifecycleSeed(.webex),
            concurrency: 2
        ) { world in
            let made = try await world.plan()
            try #require(made.result.status == 2, "\(made.result)")
            await world.setLatency(milliseconds: 400)
            let apply = try await world.start(["apply", made.file])
            try await waitUntil("two changes are in flight") {
                if apply.hasEnded { throw ProcessRunnerError("the apply ended: \(try await apply.wait())") }
                return Self.openIntents((try? world.auditRecords()) ?? []).count >= 2
            }
            apply.kill()
            _ = try await apply.wait()
            try await Task.sleep(for: .milliseconds(1_200))
            try await body(world, made.file)
        }
    }

    @Test("kill -9 with changes in flight: the next apply writes one recovered or abandoned record per open intent")
    func leftoverIntentsAreResolved() async throws {
        try await Self.afterKilledApply { world, planFile in
            // One made create is undone behind organizer-sync's back, so that the next run finds one change made
            // and one not.
            await world.setLatency(milliseconds: 0)
            let open = Self.openIntents(try world.auditRecords())
            try #require(open.count >= 2, "\(open)")
            let creates = open.filter { $0["action"] as? String == "create" }
            var undone: String?
            for intent in creates {
                guard let email = intent["email"] as? String, await world.account(.webex, email) != nil else {
                    continue
                }
                await world.changeAccounts(.webex) { $0.removeAll { $0.email.lowercased() == email.lowercased() } }
                undone = email
                break
            }
            // What the provider shows now decides the resolution of a create or a suspend; any other kind must be
            // resolved once, either way.
            var expected: [Int: String] = [:]
            for intent in open {
                let seq = try #require(intent["seq"] as? Int)
                let account = await world.account(.webex, intent["email"] as? String ?? "")
                switch intent["action"] as? String {
                case "create": expected[seq] = account != nil ? "recovered" : "abandoned"
                case "suspend": expected[seq] = account?.status == .inactive ? "recovered" : "abandoned"
                default: expected[seq] = "either"
                }
            }

            let rerun = try await world.run(["apply", planFile])
            #expect([0, 6].contains(rerun.status), "\(rerun)")
            let records = try world.auditRecords()
            let resolutions = records.filter { $0["intent_seq"] != nil }
            var found: [Int: String] = [:]
            for resolution in resolutions {
                let seq = try #require(resolution["intent_seq"] as? Int)
                #expect(found[seq] == nil, "intent \(seq) resolved twice")
                found[seq] = resolution["type"] as? String
                #expect(resolution["message"] as? String != nil)
            }
            #expect(Set(found.keys) == Set(expected.keys), "resolutions \(found), expected \(expected)")
            for (seq, type) in expected where type != "either" {
                #expect(found[seq] == type, "intent \(seq): \(found[seq] ?? "none"), expected \(type)")
            }
            if undone != nil { #expect(found.values.contains("abandoned")) }
            // Written at the start of the next run: after its run-start, before any change of its own.
            let lastStart = try #require(records.lastIndex { $0["type"] as? String == "run-start" })
            let firstChange = records[lastStart...].firstIndex { $0["type"] as? String == "intent" } ?? records.count
            let resolvedAt = records.indices.filter { records[$0]["intent_seq"] != nil }
            #expect(resolvedAt.allSatisfy { $0 > lastStart && $0 < firstChange }, "\(resolvedAt)")

            // audit verify counts them, and leaves no intent open; audit show links each to its intent.
            let verify = try await world.run(["audit", "verify", "--format", "json"])
            #expect(verify.status == 0, "\(verify)")
            let verdict = try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any]
            let recovered = found.values.count { $0 == "recovered" }
            #expect(verdict?["recoveredIntents"] as? Int == recovered, "\(verify.stdout)")
            #expect(verdict?["abandonedIntents"] as? Int == expected.count - recovered, "\(verify.stdout)")
            #expect((verdict?["unresolvedIntents"] as? [Int])?.isEmpty == true, "\(verify.stdout)")
            let text = try await world.run(["audit", "verify"])
            #expect(text.stdout.contains("\(expected.count) intent(s) left by a crash resolved"), "\(text.stdout)")
            let show = try await world.run(["audit", "show"])
            for seq in expected.keys { #expect(show.stdout.contains("intent \(seq)"), "\(show.stdout)") }

            // The abandoned create is planned again and made: one account per user.
            let fresh = try await world.plan("fresh.json")
            if fresh.result.status == 2 {
                let applied = try await world.run(["apply", fresh.file])
                #expect(applied.status == 0, "\(applied)")
            }
            let emails = await world.accounts(.webex).map { $0.email.lowercased() }
            #expect(Set(emails).count == emails.count, "a duplicate account: \(emails.sorted())")
            if let undone { #expect(emails.contains(undone.lowercased()), "\(undone) has no account") }
        }
    }
}
