import AuditLog
import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import SyncApply
import Testing

/// Which intents a run finds left open when it starts, and what it leaves open when it ends.
///
/// A killed run is simulated by closing its log and releasing its lock without a `run-end` (the store then holds
/// the run unfinished, as after `kill -9`).
@Suite("RunSession: intents left open by killed runs, however many in a row")
struct RunSessionIntentTests {
    let folder: TemporaryDirectory
    var database: String { folder.path + "/state/state.sqlite" }
    var log: String { folder.path + "/state/audit.jsonl" }

    init() throws {
        folder = try TemporaryDirectory(prefix: "run-session-intents")
    }

    func session() throws -> RunSession {
        let session = try RunSession(database: database, auditLog: log, command: "apply plan.json")
        try session.begin(toolVersion: "test", configDigest: "config", planDigest: nil)
        return session
    }

    /// Ends `session` normally, and closes its log as the process's exit would.
    func finish(_ session: RunSession, _ result: RunOutcome) async throws {
        try await session.finish(result: result, counts: [:])
        session.audit.close()
    }

    /// Ends `session` as `kill -9` would: no run-end, no resolution, the log and the lock released.
    func kill(_ session: RunSession) {
        session.audit.close()
        session.abandon()
    }

    static func create(_ email: String) -> AuditEvent {
        .intent(
            AuditEvent.Change(
                target: "webex",
                provider: "webex",
                action: .create,
                email: email,
                anchor: email,
                providerId: nil
            )
        )
    }

    @Test("killed during apply, then killed again before it resolved anything: the third run gets the first's intents")
    func killedTwiceInARow() async throws {
        defer { folder.remove() }
        try await finish(session(), .succeeded)
        let first = try session()
        let intents = [
            try first.audit.append(Self.create("a@example.com")), try first.audit.append(Self.create("b@example.com")),
        ]
        kill(first)
        let recovering = try session()
        #expect(recovering.leftovers.intents.map(\.seq) == intents.map(\.seq))
        kill(recovering)

        let third = try session()
        #expect(third.leftovers.intents.map(\.seq) == intents.map(\.seq))
        try await finish(third, .failed)
        let verdict = try AuditVerifier.verify(path: log)
        #expect(verdict.isIntact, "\(verdict)")
        #expect(verdict.unresolvedIntents.isEmpty, "\(verdict)")
        #expect(verdict.abandonedIntents == 2, "\(verdict)")
        // Settled: the next run reads nothing back.
        let fourth = try session()
        #expect(fourth.leftovers.intents.isEmpty)
        try await finish(fourth, .succeeded)
    }

    @Test("a run that ends with a change of its own still without an outcome resolves it as abandoned")
    func ownOpenIntentAbandonedAtTheEnd() async throws {
        defer { folder.remove() }
        let run = try session()
        let intent = try run.audit.append(Self.create("c@example.com"))
        try await finish(run, .failed)
        let records = try AuditLogReader.read(path: log).entries.map(\.record)
        let resolution = records.first { $0.intentSeq == intent.seq }
        #expect(resolution?.type == .abandoned, "\(records.map(\.type))")
        #expect(try AuditVerifier.verify(path: log).unresolvedIntents.isEmpty)
    }
}
