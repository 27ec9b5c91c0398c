import Foundation

/// Polls `condition` every 10 ms until it holds; throws after `timeout` seconds, saying `what` was awaited.
public func waitUntil(
    _ what: String,
    timeout: Double = 30,
    _ condition: () async throws -> Bool
) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while try await !condition() {
        if Date() > deadline { throw ProcessRunnerError("timed out after \(timeout) s waiting until \(what)") }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// Runs blocking work (a child process the test waits for) off the concurrency pool.
public func blocking<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
