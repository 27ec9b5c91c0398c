import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

/// Core dumps are off in a running `organizer-sync` (a crash's core would hold its secrets): `RLIMIT_CORE` 0, read
/// from `/proc/PID/limits` while the process waits on a slow provider, and `PR_SET_DUMPABLE` 0.
@Suite("organizer-sync process hardening")
struct ProcessHardeningTests {
    /// The soft and hard limits of `Max core file size` in `/proc/PID/limits`.
    static func coreLimit(of pid: pid_t) -> [String]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Max core file size") })
        else {
            return nil
        }
        return Array(line.dropFirst("Max core file size".count).split(separator: " ").prefix(2).map(String.init))
    }

    @Test("A running plan and apply have RLIMIT_CORE 0 and are not dumpable", arguments: ["plan", "apply"])
    func coreDumpsAreOff(command: String) async throws {
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: ApplyCommandTests.lifecycleSeed(.webex)) {
            world in
            let made = try await world.plan()
            try #require(made.result.status == 2, "\(made.result)")
            await world.setLatency(milliseconds: 1_500)
            let arguments =
                command == "plan" ? ["plan", "--log-level", "debug"] : ["apply", made.file, "--log-level", "debug"]
            let process = try world.start(arguments)
            // The limits of the process as it runs (the provider answers slowly), read from outside it.
            var seen: [String]?
            try await waitUntil("\(command) runs with core dumps off", timeout: 60) {
                if process.hasEnded { throw ProcessRunnerError("\(command) ended: \(try await process.wait())") }
                seen = Self.coreLimit(of: process.pid)
                return seen == ["0", "0"]
            }
            #expect(seen == ["0", "0"], "Max core file size of the running \(command): \(seen ?? [])")
            if getuid() != 0 {
                // Not dumpable: the kernel gives the process's /proc files to root.
                var status = stat()
                #expect(stat("/proc/\(process.pid)", &status) == 0 && status.st_uid == 0)
            }
            await world.setLatency(milliseconds: 0)
            let result = try await process.wait()
            #expect([0, 2].contains(result.status), "\(result)")
            // What the kernel holds, read back by the process itself (prctl(PR_GET_DUMPABLE) only answers inside).
            #expect(result.stderr.contains("process hardening: RLIMIT_CORE 0/0, dumpable 0"), "\(result.stderr)")
        }
    }

    @Test("The systemd example sets LimitCORE=0")
    func systemdExampleLimitsCores() throws {
        let unit = SlapdServer.repositoryRoot().appendingPathComponent("Examples/scheduling/organizer-sync.service")
        let text = try String(contentsOf: unit, encoding: .utf8)
        #expect(text.split(separator: "\n").contains("LimitCORE=0"), "\(text)")
    }
}
