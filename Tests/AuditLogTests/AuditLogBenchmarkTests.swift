import AuditLog
import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

/// Throughput and size figures for the README.
///
/// Runs only with `AUDIT_LOG_BENCH=1` (it writes 20,000+ records with an fsync each). It checks the chains it writes, and prints the figures; it asserts no timing.
@Suite("Audit log benchmark", .enabled(if: ProcessInfo.processInfo.environment["AUDIT_LOG_BENCH"] != nil))
struct AuditLogBenchmarkTests {
    /// An update as apply writes it: six fields before, two intended, one reason; the outcome with the provider's
    /// answer.
    static func pair(_ index: Int) -> (AuditEvent.Change, AuditEvent.Outcome) {
        let before = [
            "email": "firstname.lastname\(index)@example.com", "firstName": "Firstname", "lastName": "Lastname\(index)",
            "displayName": "Firstname Lastname\(index)", "status": "active", "userType": "2",
        ]
        let change = AuditEvent.Change(
            target: "zoom-prod",
            provider: "zoom",
            action: .update,
            email: "firstname.lastname\(index)@example.com",
            anchor: "6f1c2a4e-0b7d-4c35-9a51-\(String(format: "%012d", index))",
            providerId: "zoomuser\(String(format: "%010d", index))",
            before: before,
            after: ["displayName": "Firstname Lastname-Newname\(index)", "lastName": "Lastname-Newname\(index)"],
            reasons: ["lastName: directory sn changed"]
        )
        var after = before
        after["displayName"] = "Firstname Lastname-Newname\(index)"
        after["lastName"] = "Lastname-Newname\(index)"
        let outcome = AuditEvent.Outcome(
            for: change,
            result: .succeeded,
            after: after,
            trackingId: "v=2.0;clid=us06;rid=\(UUID().uuidString.lowercased())",
            httpStatus: 204
        )
        return (change, outcome)
    }

    @Test("Append throughput with fsync, bytes per intent+outcome pair, open and verify time at 10,000 changes")
    func figures() async throws {
        let folder = try TemporaryDirectory(prefix: "audit-bench")
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("audit.jsonl").path
        let changes = 10_000

        // One task: every append waits for its own flush.
        let sequential = try AuditLogWriter.open(path: path, run: "bench-1")
        let sequentialPairs = 1_000
        var started = ContinuousClock.now
        for index in 0..<sequentialPairs {
            let (change, outcome) = Self.pair(index)
            try sequential.append(.intent(change))
            try sequential.append(.outcome(outcome))
        }
        let sequentialTime = ContinuousClock.now - started
        sequential.close()
        let pairBytes =
            Double(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0)
            / Double(sequentialPairs)

        // Eight tasks calling append: each blocks its pool thread in the flush, so at most two (the cores) share one.
        let blocking = try AuditLogWriter.open(path: path, run: "bench-2")
        let blockingPairs = 1_000
        started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in stride(from: sequentialPairs + task, to: sequentialPairs + blockingPairs, by: 8) {
                        let (change, outcome) = Self.pair(index)
                        try blocking.append(.intent(change))
                        try blocking.append(.outcome(outcome))
                    }
                }
            }
            try await group.waitForAll()
        }
        let blockingTime = ContinuousClock.now - started
        blocking.close()

        // Eight tasks calling appendAsync, as apply runs changes concurrently: flushes are shared (group commit).
        let concurrent = try AuditLogWriter.open(path: path, run: "bench-3")
        let concurrentPairs = changes - sequentialPairs - blockingPairs
        started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in stride(from: sequentialPairs + blockingPairs + task, to: changes, by: 8) {
                        let (change, outcome) = Self.pair(index)
                        try await concurrent.appendAsync(.intent(change))
                        try await concurrent.appendAsync(.outcome(outcome))
                    }
                }
            }
            try await group.waitForAll()
        }
        let concurrentTime = ContinuousClock.now - started
        let head = concurrent.head
        concurrent.close()
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0

        started = ContinuousClock.now
        let reopened = try AuditLogWriter.open(path: path, run: "bench-4")
        let openTime = ContinuousClock.now - started
        reopened.close()
        #expect(reopened.head == head)

        started = ContinuousClock.now
        let verification = try AuditVerifier.verify(path: path, expectedHead: head)
        let verifyTime = ContinuousClock.now - started
        #expect(verification.isIntact)
        #expect(verification.recordCount == 2 * changes)

        func perSecond(_ records: Int, _ duration: Duration) -> Int {
            Int(
                Double(records) / (Double(duration.components.attoseconds) / 1e18 + Double(duration.components.seconds))
            )
        }
        print(
            """
            audit log benchmark (\(path)):
              append, 1 task:  \(perSecond(2 * sequentialPairs, sequentialTime)) records/s (fsync per record)
              append, 8 tasks: \(perSecond(2 * blockingPairs, blockingTime)) records/s (blocking flush waits)
              appendAsync, 8 tasks: \(perSecond(2 * concurrentPairs, concurrentTime)) records/s (group commit)
              bytes per intent+outcome pair (update, 6 fields): \(Int(pairBytes))
              log of \(changes) changes: \(2 * changes) records, \(size) bytes
              open (tail only): \(openTime)
              verify (whole file): \(verifyTime)
            """
        )
    }
}
