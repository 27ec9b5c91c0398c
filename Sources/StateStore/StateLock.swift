import Foundation
import OrganizerSyncCore
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lock that keeps two `apply` or `reconcile` runs on one state store from running at once.
///
/// `flock(LOCK_EX | LOCK_NB)` on `<database path>.lock`. The kernel releases the lock when the holder's
/// descriptor is closed, which it does when the process dies, even by `kill -9`: a crashed run never leaves a
/// stale lock behind, and nothing ever has to delete the file (deleting a lock file races with a process that
/// has opened it and is about to lock it, so the file stays).
///
/// The holder writes `pid`, `since` and `command` into the file, so that a refused run can say who holds it.
/// The descriptor is opened `O_CLOEXEC`: a child process (a provider helper, a shell) must not inherit the lock
/// and keep it after this process has gone.
///
/// `flock` locks belong to the open file description, so a second ``acquire(databasePath:command:)`` in the
/// same process is refused too. On NFS, Linux emulates `flock` with POSIX record locks, which a process does
/// not conflict with itself on: keep the state store on a local file system.
public final class StateLock: Sendable {
    /// The lock file.
    public let path: String
    /// The locked descriptor, owned by this lock and closed by ``release()`` (or deinit); -1 once released.
    private let descriptor: Mutex<Int32>

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit { release() }

    /// Takes the lock of the state store at `databasePath`, or fails at once if another run holds it.
    /// - Parameters:
    ///   - databasePath: the state store's database file; the lock is `<databasePath>.lock` (missing parent
    ///     folders are created with mode 0700, the file with 0600).
    ///   - command: the command line, written into the lock file for a refused run's message.
    /// - Returns: the lock, held until ``release()`` or until the process ends.
    /// - Throws: ``StateLockError`` `held` naming the holder's pid, command and start time; `cannotOpen`;
    ///   `lockFailed`.
    public static func acquire(databasePath: String, command: String) throws(StateLockError) -> StateLock {
        let path = databasePath + ".lock"
        do {
            try PrivateFiles.createParentFolders(of: path)
        } catch {
            throw StateLockError.failed(.cannotOpen, path: path, reason: error.reason)
        }
        // No O_TRUNC: until this process holds the lock, the note belongs to the holder.
        let fd: Int32
        do {
            fd = try OwnedFile.open(path, flags: O_RDWR | O_CREAT, mode: 0o600)
        } catch {
            throw StateLockError.failed(.cannotOpen, path: path, reason: String(describing: error))
        }
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK {
                let holder = StateLockNote.read(fd)
                close(fd)
                throw StateLockError.held(by: holder, path: path)
            }
            close(fd)
            throw StateLockError.failed(.lockFailed, path: path, reason: String(cString: strerror(code)))
        }
        // The note only serves a refused run's message: failing to write it (a full disk) does not fail the lock.
        StateLockNote.write(fd, command: command)
        return StateLock(path: path, descriptor: fd)
    }

    /// Whether this lock is still held (``release()`` not called yet).
    public var isHeld: Bool { descriptor.withLock { $0 >= 0 } }

    /// Empties the note and releases the lock.
    ///
    /// Releasing twice does nothing.
    public func release() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            _ = ftruncate(fd, 0)
            _ = flock(fd, LOCK_UN)
            close(fd)
            fd = -1
        }
    }
}
