import Foundation

/// Tells which scheduler a run runs under, for the `scheduler` member of its `run-start` audit record.
///
/// - systemd: the service manager sets `INVOCATION_ID` (32 hex digits) for every unit it starts; the unit is the
///   last `.service` component of the process's cgroup path (`/proc/self/cgroup`).
/// - cron: cron starts a job through a shell (`cron` → `sh -c` → organizer-sync), so the parent processes' names
///   (`/proc/PID/stat`) are searched a few levels up for a cron daemon.
///
/// Everything read here can be set by whoever starts the process (the environment) or is the name of a local
/// process: it is recorded as a claim, checked for shape, and bounded in length; it proves nothing.
public enum RunScheduler {
    /// The names of cron daemons, as the kernel shows a process's name (at most 15 characters).
    static let cronDaemons: Set<String> = ["cron", "crond", "anacron", "fcron", "cronie", "busybox-crond"]
    /// How many parent processes are searched for a cron daemon.
    static let ancestorDepth = 4

    /// The scheduler this process runs under, read from the environment and `/proc`; `nil` when none is seen.
    public static func current() -> [String: String]? {
        let cgroup = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)
        return detect(environment: ProcessInfo.processInfo.environment, cgroup: cgroup, ancestors: ancestorNames())
    }

    /// The scheduler the given facts show.
    /// - Parameters:
    ///   - environment: the process's environment (`INVOCATION_ID`).
    ///   - cgroup: the text of `/proc/self/cgroup`.
    ///   - ancestors: the names of the parent processes, nearest first.
    /// - Returns: `kind` `systemd` with `unit` (when the cgroup names one) and `invocation_id`; or `kind` `cron`
    ///   with `parent`; or `nil`.
    public static func detect(environment: [String: String], cgroup: String?, ancestors: [String]) -> [String: String]?
    {
        if let invocation = environment["INVOCATION_ID"], invocation.count == 32,
            invocation.allSatisfy({ $0.isHexDigit && $0.isASCII })
        {
            var systemd = ["kind": "systemd", "invocation_id": invocation.lowercased()]
            if let unit = unit(inCgroup: cgroup ?? "") { systemd["unit"] = unit }
            return systemd
        }
        if let daemon = ancestors.first(where: cronDaemons.contains) {
            return ["kind": "cron", "parent": daemon]
        }
        return nil
    }

    /// The last `.service` component of the systemd cgroup path (cgroup v2 `0::`, or v1 `name=systemd`).
    static func unit(inCgroup text: String) -> String? {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-_.@\\")
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, fields[1].isEmpty || fields[1] == "name=systemd" else { continue }
            let unit = fields[2].split(separator: "/").last { $0.hasSuffix(".service") }
            if let unit, unit.count <= 256, unit.allSatisfy(allowed.contains) { return String(unit) }
        }
        return nil
    }

    /// The names of this process's parents, nearest first, up to ``ancestorDepth`` levels.
    static func ancestorNames() -> [String] {
        var names: [String] = []
        var pid = getppid()
        for _ in 0..<ancestorDepth where pid > 1 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"), open < close
            else { break }
            names.append(oneLine(String(stat[stat.index(after: open)..<close]), limit: 32))
            let rest = stat[stat.index(after: close)...].split(separator: " ")
            guard rest.count > 1, let parent = Int32(rest[1]) else { break }
            pid = parent
        }
        return names
    }

    /// `text` without control characters, cut to `limit` characters: what a record may hold of a text read from
    /// the system or a file.
    static func oneLine(_ text: String, limit: Int) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { $0.properties.generalCategory != .control })
        return String(String(scalars).prefix(limit))
    }
}
