import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

/// Refresh tokens that GoTo and Webex rotate survive from one run to the next: each run is its own process,
/// and the simulator invalidates every refresh token it has replaced.
@Suite("Rotating refresh tokens")
struct TokenRotationCLITests {
    @Test("Consecutive runs against rotating refresh tokens succeed; the token file is 0600, never printed")
    func consecutiveRuns() async throws {
        try await ApplyFixture.with(targets: [.standard(.goto), .standard(.webex)]) { world in
            var knobs = await world.simulator.knobs()
            knobs.goto.rotateRefreshTokens = true
            knobs.webex.rotateRefreshTokens = true
            await world.simulator.setKnobs(knobs)
            let first = try await world.plan("first.json")
            #expect(first.result.status == 2, "\(first.result)")
            let apply = try await world.run(["apply", first.file])
            #expect(apply.status == 0, "\(apply)")
            let again = try await world.run(["plan"])
            #expect(again.status == 0, "\(again)")
            for result in [first.result, apply, again] {
                world.expectNoSecret(in: result.stdout + result.stderr, "output")
            }
            world.expectNoSecret(in: try Data(contentsOf: URL(fileURLWithPath: world.auditLog)), "the audit log")

            for provider in ["goto", "webex"] {
                let path = world.folder.appendingPathComponent("\(provider).refresh").path
                let token = try String(contentsOfFile: path, encoding: .utf8)
                #expect(token.hasPrefix("\(provider)-rt-"), "\(provider): the file holds the rotated token")
                let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
                #expect(mode == 0o600)
            }
            // Three runs, each one grant per provider: the seed's token and two rotations were used up.
            let grants = await world.simulator.requestLog().filter { $0.path.hasSuffix("token") && $0.status == 200 }
            #expect(grants.count >= 6, "\(grants)")
        }
    }
}
