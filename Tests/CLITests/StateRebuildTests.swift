import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// `state rebuild --from-audit` after the state store was lost: the next runs know every account they managed.
@Suite("organizer-sync state rebuild")
struct StateRebuildTests {
    @Test(
        "A deleted store is refused, rebuilt from the audit log as it was, and a renamed user then gets no second account"
    )
    func rebuildAfterLoss() async throws {
        try await TamperEvidenceTests.withAppliedWorld { world in
            let links =
                "SELECT target, anchor, provider_id, email, suspended_at IS NOT NULL, suspended_licences "
                + "FROM managed_account ORDER BY target, anchor"
            let counts = "SELECT target, last_in_scope_count FROM target_state ORDER BY target"
            let identity = "SELECT uuid, generation FROM store_identity"
            let before = [try await world.sql(links), try await world.sql(counts), try await world.sql(identity)]
            #expect(before[0].split(separator: "\n").count >= 3, "\(before[0])")
            let accountsBefore = await world.accounts(.goto).count

            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: world.database + suffix) }
            let refused = try await world.run(["plan"])
            #expect(refused.status == 8, "\(refused)")

            let rebuild = try await world.run(["state", "rebuild", "--from-audit"])
            #expect(rebuild.status == 0, "\(rebuild)")
            #expect(rebuild.stdout.contains("rebuilt from 13 audit records"), "\(rebuild.stdout)")
            let after = [try await world.sql(links), try await world.sql(counts), try await world.sql(identity)]
            #expect(after == before)
            // The rebuild is a record of its own: who, when, from what, with which counts, and which store.
            let record = try #require(try world.auditRecords().last)
            #expect(record["type"] as? String == "state-rebuild", "\(record)")
            #expect((record["command"] as? String)?.contains("state rebuild --from-audit") == true, "\(record)")
            #expect(record["user"] as? String != nil && record["host"] as? String != nil && record["time"] != nil)
            let recorded = record["counts"] as? [String: Int]
            #expect(recorded?["records"] == 13, "\(record)")
            #expect(recorded?["managed:goto"] == before[0].split(separator: "\n").count, "\(record)")
            #expect(before[2].hasPrefix(record["state_id"] as? String ?? "-"), "\(record) \(before[2])")
            #expect(rebuild.stdout.contains("head seq 14"), "\(rebuild.stdout)")
            let again = try await world.run(["state", "rebuild", "--from-audit"])
            #expect(again.status == 8, "a store with content is not overwritten: \(again)")

            // A renamed mail: the anchor link makes it an update; matched by email it would be a second account.
            try await world.ldapModify(
                "dn: uid=alice,ou=people,\(world.base)\nchangetype: modify\nreplace: mail\nmail: alice.new@example.com\n"
            )
            let made = try await world.plan()
            #expect(made.result.status == 2, "\(made.result)")
            let kinds = made.plan?.targets.flatMap { $0.actions.map(\.kind.rawValue) } ?? []
            #expect(!kinds.contains("create"), "\(kinds)")
            let apply = try await world.run(["apply", made.file])
            #expect(apply.status == 0, "\(apply)")
            let accounts = await world.accounts(.goto)
            #expect(accounts.count == accountsBefore, "\(accounts.map(\.email))")
            let emails = accounts.map { $0.email.lowercased() }
            #expect(Set(emails).count == emails.count && emails.contains("alice.new@example.com"), "\(emails)")
            let proof = try await world.run(["audit", "verify"])
            #expect(proof.status == 0, "\(proof)")
        }
    }
}
