import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates the state store's folders and files so that only their owner can read them: folders 0700, files 0600.
///
/// Folders and files that already exist are left as they are (an administrator may have widened them on
/// purpose, for a monitoring user reading run history).
enum PrivateFiles {
    /// A system call that failed: what was tried and `strerror(errno)`.
    struct Failure: Error {
        var reason: String
    }

    /// Creates the missing folders above `path`, each with mode 0700 (less the umask).
    static func createParentFolders(of path: String) throws(Failure) {
        var missing: [String] = []
        var folder = (path as NSString).deletingLastPathComponent
        while !folder.isEmpty, folder != "/", !exists(folder) {
            missing.append(folder)
            folder = (folder as NSString).deletingLastPathComponent
        }
        for folder in missing.reversed() where mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw Failure(reason: "cannot create the folder \(folder): \(String(cString: strerror(errno)))")
        }
    }

    /// Creates `path` as an empty file with mode 0600 (less the umask) unless it exists.
    ///
    /// SQLite opens an empty
    /// file as an empty database, and gives the `-wal` and `-shm` files it creates the database file's mode.
    static func createFileIfMissing(_ path: String) throws(Failure) {
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
        } else if errno != EEXIST {
            throw Failure(reason: "cannot create the file: \(String(cString: strerror(errno)))")
        }
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }
}
