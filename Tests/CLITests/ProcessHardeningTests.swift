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
            let process = try await world.start(arguments)
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
                #expect(stat("/proc/\(process.pid)/status", &status) == 0 && status.st_uid == 0)
            }
            await world.setLatency(milliseconds: 0)
            let result = try await process.wait()
            #expect([0, 2].contains(result.status), "\(result)")
            // What the kernel holds, read back by the process itself (prctl(PR_GET_DUMPABLE) only answers inside).
            #expect(result.stderr.contains("process hardening: RLIMIT_CORE 0/0, dumpable 0"), "\(result.stderr)")
        }
    }

    /// The fields of the `/proc/PID/status` line that starts with `name` (`Uid:` gives real, effective, saved, fs).
    static func status(_ name: String, of pid: pid_t) -> [String]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) })
        else {
            return nil
        }
        return line.dropFirst(name.count).split(whereSeparator: \.isWhitespace).map(String.init)
    }

    @Test("Run as an unprivileged user, organizer-sync is not dumpable, seen from outside: /proc/PID/status is root's")
    func notDumpableSeenFromOutside() async throws {
        // The kernel gives the files in /proc/PID to root when the process is not dumpable, and to the process's
        // user otherwise (the folder /proc/PID itself keeps the owner it was first looked up with). Only a process
        // that does not run as root shows the difference: the binary runs as nobody (65534), with the files it
        // reads in a folder that user owns.
        let nobody: uid_t = 65_534
        try await ApplyFixture.with(targets: [.standard(.webex)], seed: ApplyCommandTests.lifecycleSeed(.webex)) {
            world in
            var config = try String(contentsOfFile: world.config, encoding: .utf8)
            for (original, copy) in [
                (world.server.readerPasswordFile, "reader.password"), (world.server.caFile, "ca.pem"),
            ] {
                let path = world.folder.appendingPathComponent(copy).path
                try FileManager.default.copyItem(atPath: original, toPath: path)
                config = config.replacingOccurrences(of: original, with: path)
            }
            let unprivileged = world.folder.appendingPathComponent("nobody.yaml").path
            try Data(config.utf8).write(to: URL(fileURLWithPath: unprivileged))
            let chown = try await runProcess("chown", ["-R", "\(nobody):\(nobody)", world.folder.path], timeout: 30)
            try #require(chown.status == 0, "\(chown)")

            await world.setLatency(milliseconds: 1_500)
            let process = try await CLIProcess(
                ["plan", "--config", unprivileged],
                in: world.folder,
                launcher: ["/usr/bin/setpriv", "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", "--"]
            )
            // Watched while it waits on the slow provider. Until the exec, /proc/PID is setpriv's (root's after
            // its setuid); after the exec and before the prctl, nobody's; a process on its way out (its memory
            // released) shows root too. So only organizer-sync itself, running as nobody, not exiting, with
            // /proc/PID/status owned by root:root, seen twice 200 ms apart, counts.
            func observe() -> (text: String, hardened: Bool) {
                let command = (try? String(contentsOfFile: "/proc/\(process.pid)/comm", encoding: .utf8)) ?? ""
                let uids = Self.status("Uid:", of: process.pid) ?? []
                let state = Self.status("State:", of: process.pid)?.first ?? "gone"
                var info = stat()
                guard stat("/proc/\(process.pid)/status", &info) == 0 else { return ("gone", false) }
                let text =
                    "\(command.dropLast()) as \(uids.joined(separator: "/")), state \(state), "
                    + "/proc/PID/status owned by \(info.st_uid):\(info.st_gid)"
                let hardened =
                    command == "organizer-sync\n" && uids == Array(repeating: "\(nobody)", count: 4)
                    && !["Z", "X", "gone"].contains(state) && info.st_uid == 0 && info.st_gid == 0
                return (text, hardened)
            }
            var seen: [String] = []
            try await waitUntil("organizer-sync runs as nobody with /proc/PID/status owned by root", timeout: 60) {
                if process.hasEnded {
                    throw ProcessRunnerError("plan ended (\(seen.suffix(3))): \(try await process.wait())")
                }
                let first = observe()
                seen.append(first.text)
                guard first.hardened else { return false }
                try await Task.sleep(for: .milliseconds(200))
                let second = observe()
                seen.append(second.text)
                return second.hardened && !process.hasEnded
            }
            #expect(Self.coreLimit(of: process.pid) == ["0", "0"])
            await world.setLatency(milliseconds: 0)
            let result = try await process.wait()
            #expect(result.status == 2, "the plan as nobody: \(result)")
        }
    }
}
