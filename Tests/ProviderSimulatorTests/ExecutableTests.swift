import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The `organizer-sync-simulator` executable: starts on port 0, writes the port file, stops on SIGTERM.
@Suite("Executable")
struct ExecutableTests {
    /// The built executable, beside the test binary (`swift test` builds every product).
    static func executable() throws -> URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("organizer-sync-simulator")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        Issue.record("organizer-sync-simulator was not built beside \(testBinary.path); run `swift build` first.")
        throw CocoaError(.fileNoSuchFile)
    }

    @Test("--generate, --port 0 and --port-file; SIGTERM ends it cleanly")
    func runsAndStops() async throws {
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("sim-port-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: portFile) }
        let logs = try TemporaryDirectory(prefix: "simulator-executable")
        defer { logs.remove() }
        let executable = try Self.executable().path
        let simulator = try await ChildProcess.start(
            executable,
            [
                "--port", "0", "--port-file", portFile.path, "--generate", "20", "--knob",
                "zoom.requestsPerSecond=50", "--log-level", "warning",
            ],
            stdoutPath: logs.url.appendingPathComponent("stdout").path,
            stderrPath: logs.url.appendingPathComponent("stderr").path
        )
        var port: Int?
        for _ in 0..<100 where port == nil {
            try await Task.sleep(for: .milliseconds(100))
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) }
        }
        let bound = try #require(port)
        let url = URL(string: "http://127.0.0.1:\(bound)/_admin/accounts?provider=goto")!
        let (data, _) = try await SimulatorHTTP.plainSession.data(from: url)
        let accounts = try JSONDecoder().decode([SimulatedAccount].self, from: data)
        #expect(accounts.count == 20)
        let knobsURL = URL(string: "http://127.0.0.1:\(bound)/_admin/knobs")!
        let (knobData, _) = try await SimulatorHTTP.plainSession.data(from: knobsURL)
        #expect(try JSONDecoder().decode(SimulatorKnobs.self, from: knobData).zoom.requestsPerSecond == 50)
        simulator.signal(SIGTERM)
        #expect(await simulator.status(within: .seconds(30)) == 0)
    }
}
