import Foundation
import Synchronization

/// The slapd processes a test process started and has not stopped yet, stopped when it exits.
///
/// Suites keep a shared server in a global, and Swift never runs the deinitializers of globals: without
/// this, every `swift test` would leave those servers running. Only the PID and the server folder are
/// kept (not the server object), so a server a test drops still stops through its own `deinit`.
enum SlapdRegistry {
    private static let running = Mutex<[Int32: URL]>([:])
    private static let exitHandler: Void = { atexit { SlapdRegistry.stopAll() } }()

    static func register(pid: Int32, directory: URL) {
        _ = exitHandler
        running.withLock { $0[pid] = directory }
    }

    static func unregister(pid: Int32) {
        running.withLock { _ = $0.removeValue(forKey: pid) }
    }

    /// Kills every registered slapd (no graceful wait: the process is exiting) and removes its folder.
    static func stopAll() {
        let servers = running.withLock { servers in
            defer { servers.removeAll() }
            return servers
        }
        for (pid, directory) in servers {
            kill(pid, SIGKILL)
            try? FileManager.default.removeItem(at: directory)
        }
    }
}
