import Foundation
import Synchronization

/// The Samba DCs a test process started and has not stopped yet, stopped when the process exits.
///
/// The shared DC lives in a global, whose deinitializer Swift never runs; without this every
/// `swift test` would leave a samba running (until its `--maximum-runtime`). Unlike slapd, samba is
/// a tree of about ten processes, so the exit handler runs `Scripts/samba/stop.sh` (TERM to the
/// root, KILL to recorded descendants after 10 s) rather than a bare SIGKILL of one PID.
enum SambaDCRegistry {
    private static let running = Mutex<[Int32: URL]>([:])
    private static let exitHandler: Void = { atexit { SambaDCRegistry.stopAll() } }()

    static func register(pid: Int32, directory: URL) {
        _ = exitHandler
        running.withLock { $0[pid] = directory }
    }

    static func unregister(pid: Int32) {
        running.withLock { _ = $0.removeValue(forKey: pid) }
    }

    /// Stops every registered DC and removes its folder.
    static func stopAll() {
        let servers = running.withLock { servers in
            defer { servers.removeAll() }
            return servers
        }
        for (_, directory) in servers {
            SambaDC.runStopScript(directory: directory)
            try? FileManager.default.removeItem(at: directory)
        }
    }
}
