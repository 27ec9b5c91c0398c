import Foundation
import OrganizerSyncTestSupport
import SyncPlanning
import Testing

/// What the CLI tests do in an ``ApplyFixture`` (built in `OrganizerSyncTestSupport`): run the built
/// `organizer-sync` against its configuration and check its output for secrets.
extension ApplyFixture {
    /// Runs `organizer-sync ARGUMENTS --config CONFIG` to its end.
    func run(_ arguments: [String], timeout: Double = 90) async throws -> CLIProcess.Result {
        try await CLIProcess.run(arguments + ["--config", config], in: folder, timeout: timeout)
    }

    /// Starts `organizer-sync ARGUMENTS --config CONFIG` in the background.
    func start(_ arguments: [String]) async throws -> CLIProcess {
        try await CLIProcess(arguments + ["--config", config], in: folder)
    }

    /// `plan --out FILE` (optionally for some targets): the result, the plan file and the plan as decoded.
    func plan(
        _ name: String = "plan.json",
        targets: [String] = []
    ) async throws -> (
        result: CLIProcess.Result, file: String, plan: Plan?
    ) {
        let file = folder.appendingPathComponent(name).path
        let result = try await run(["plan", "--out", file] + targets.flatMap { ["--target", $0] })
        let plan = (try? Data(contentsOf: URL(fileURLWithPath: file))).flatMap { try? Plan.decodeVerified(from: $0) }
        return (result, file, plan)
    }

    // MARK: Secrets

    /// Expects no secret value and no access or refresh token the simulator issued (they all start with
    /// `goto-at-`, `zoom-at-`, `webex-at-`, `zoom-rt-` or `webex-sa-rt-`) in `text`.
    func expectNoSecret(in text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expectNoSecret(in: Data(text.utf8), what, sourceLocation: sourceLocation)
    }

    /// The same for the bytes of a file (a database page, a WAL frame).
    func expectNoSecret(in data: Data, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets + Self.issuedTokenPrefixes + ["Bearer "] {
            #expect(
                data.range(of: Data(secret.utf8)) == nil,
                "\(what) holds a secret or token (\(secret.prefix(6))…)",
                sourceLocation: sourceLocation
            )
        }
    }
}
