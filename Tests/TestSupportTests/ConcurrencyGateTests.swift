import OrganizerSyncTestSupport
import Synchronization
import Testing

@Suite("A concurrency gate lets at most its limit through, and frees a place when the holder throws")
struct ConcurrencyGateTests {
    /// Counts holders now and the most seen at once.
    final class Occupancy: Sendable {
        let counts = Mutex((now: 0, most: 0))

        func enter() {
            counts.withLock {
                $0.now += 1
                $0.most = max($0.most, $0.now)
            }
        }
        func leave() { counts.withLock { $0.now -= 1 } }
        var most: Int { counts.withLock { $0.most } }
    }

    struct Failure: Error {}

    @Test("Twelve tasks through a gate of N: never more than N at once, and N at some time", arguments: [1, 2, 3])
    func limit(_ limit: Int) async throws {
        let gate = ConcurrencyGate(limit: limit)
        let occupancy = Occupancy()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<12 {
                group.addTask {
                    try? await gate.withPlace {
                        occupancy.enter()
                        defer { occupancy.leave() }
                        try await Task.sleep(for: .milliseconds(20))
                        if index.isMultiple(of: 3) { throw Failure() }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(occupancy.most == limit)
        // Every place came back, the thrown ones too: `limit` more holders get in without waiting.
        let entered = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<limit {
                group.addTask {
                    await gate.acquire()
                    return 1
                }
            }
            return await group.reduce(0, +)
        }
        #expect(entered == limit)
    }
}
