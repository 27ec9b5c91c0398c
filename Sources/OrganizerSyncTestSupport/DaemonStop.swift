import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops the daemons that `Scripts/slapd/start.sh` and `Scripts/samba/start.sh` leave running, by signals from
/// this process: a `deinit` or an exit handler cannot wait for a child process, so they do not run the stop
/// scripts (which stay for the bench and demo scripts) but take the same steps.
///
/// A PID is only signalled while `/proc` shows it is the server of `directory`, so a reused PID of an unrelated
/// process is left alone.
enum DaemonStop {
    /// slapd: TERM, then KILL after 5 s; only while its command line names `directory/slapd.conf`.
    static func slapd(pid: Int32, directory: URL) {
        let configuration = directory.resolvingSymlinksInPath().path + "/slapd.conf"
        let ours = { commandLine(of: pid).contains(configuration) }
        if isAlive(pid), ours() {
            _ = kill(pid, SIGTERM)
            if !waitUntilGone([pid], seconds: 5) {
                _ = kill(pid, SIGKILL)
                _ = waitUntilGone([pid], seconds: 5)
            }
        }
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("slapd.pid"))
    }

    /// samba: the root process and its descendants are recorded, TERM goes to the root (it ends its ~10 children
    /// itself in about 1.5 s), and after 10 s KILL goes to whichever recorded process still runs in `directory`
    /// (samba rewrites its command lines, so the working directory is what marks it).
    static func samba(directory: URL) {
        let folder = directory.resolvingSymlinksInPath().path
        let pidFile = directory.appendingPathComponent("samba.pid")
        defer { try? FileManager.default.removeItem(at: pidFile) }
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8),
            let root = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
        else { return }
        let ours = { (pid: Int32) in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")) == folder
        }
        guard isAlive(root), ours(root) else { return }
        let family = [root] + descendants(of: root)
        _ = kill(root, SIGTERM)
        _ = waitUntilGone([root], seconds: 10)
        _ = waitUntilGone(family.filter(ours), seconds: 2)
        for member in family where isAlive(member) && ours(member) {
            _ = kill(member, SIGKILL)
        }
    }

    /// Whether `pid` runs and is not a zombie (a killed daemon, detached from us, may wait for a reaper).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != nil && state != "Z"
    }

    /// Waits up to `seconds` for every one of `pids` to be gone; true when they are.
    private static func waitUntilGone(_ pids: [Int32], seconds: Int) -> Bool {
        for _ in 0..<(seconds * 10) {
            if !pids.contains(where: isAlive) { return true }
            usleep(100_000)
        }
        return !pids.contains(where: isAlive)
    }

    private static func commandLine(of pid: Int32) -> String {
        let data = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
        return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
    }

    /// Every descendant of `pid`, from `/proc/PID/task/*/children`.
    private static func descendants(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        var found: [Int32] = []
        for task in tasks {
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            for child in text.split(separator: " ").compactMap({ Int32($0) }) {
                found += [child] + descendants(of: child)
            }
        }
        return found
    }
}
