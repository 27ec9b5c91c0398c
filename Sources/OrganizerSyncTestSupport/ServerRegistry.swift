import Foundation
import Synchronization

/// The servers a test process started and has not stopped yet, stopped when the process exits.
///
/// Suites keep a shared server in a global, and Swift never runs the deinitializers of globals: without this,
/// every `swift test` would leave those servers running. Only the PID and the server folder are kept (not the
/// server object), so a server a test drops still stops through its own `deinit`.
final class ServerRegistry: Sendable {
    /// slapd: one process, killed outright (no graceful wait: the process is exiting).
    static let slapd = ServerRegistry { pid, _ in kill(pid, SIGKILL) }
    /// Samba DCs: a tree of about ten processes, so TERM to the root and KILL to recorded descendants after 10 s
    /// (``DaemonStop/samba(directory:)``) rather than a bare SIGKILL of one PID.
    static let sambaDC = ServerRegistry { _, directory in DaemonStop.samba(directory: directory) }

    private static let exitHandler: Void = {
        atexit {
            ServerRegistry.slapd.stopAll()
            ServerRegistry.sambaDC.stopAll()
        }
    }()

    private let running = Mutex<[Int32: URL]>([:])
    private let stop: @Sendable (_ pid: Int32, _ directory: URL) -> Void

    private init(stop: @escaping @Sendable (_ pid: Int32, _ directory: URL) -> Void) {
        self.stop = stop
    }

    func register(pid: Int32, directory: URL) {
        _ = Self.exitHandler
        running.withLock { $0[pid] = directory }
    }

    func unregister(pid: Int32) {
        running.withLock { _ = $0.removeValue(forKey: pid) }
    }

    /// Stops every registered server and removes its folder.
    func stopAll() {
        let servers = running.withLock { servers in
            defer { servers.removeAll() }
            return servers
        }
        for (pid, directory) in servers {
            stop(pid, directory)
            try? FileManager.default.removeItem(at: directory)
        }
    }
}
