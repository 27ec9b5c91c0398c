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
