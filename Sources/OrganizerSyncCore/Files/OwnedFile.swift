#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens and checks the files organizer-sync keeps its state in (the state store, its lock, the audit log, plan
/// files), so that someone who can write next to them cannot redirect or rewrite them.
///
/// - Never through a symbolic link (`O_NOFOLLOW`): a link planted at the lock's path would have its target truncated.
/// - Only a regular file owned by the user running organizer-sync.
/// - Never one that group or others may write, nor in a folder they may write (they could replace the file): the
///   message says exactly what to `chmod`. Reading by others is left to the administrator (a monitoring user may read
///   run history).
public enum OwnedFile {
    /// Why a file or folder was refused; the description names the path and the fix, never the file's content.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        /// The path refused.
        public var path: String
        /// What is wrong and what to do.
        public var description: String
    }

    /// Opens `path` without following a symbolic link and checks it (see ``check(descriptor:path:)``).
    /// - Parameters:
    ///   - path: the file.
    ///   - flags: `open(2)` flags; `O_NOFOLLOW` and `O_CLOEXEC` are added.
    ///   - mode: the mode of a file `O_CREAT` creates.
    /// - Returns: the descriptor, owned by the caller (who closes it).
    /// - Throws: ``Refusal`` for a link or a file that fails the checks; `errno` of a failed `open` otherwise, as
    ///   ``OpenFailure``.
    public static func open(_ path: String, flags: Int32, mode: UInt32 = 0o600) throws -> Int32 {
        let fd = systemOpen(path, flags | O_NOFOLLOW | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP { throw symbolicLink(path) }
            throw OpenFailure(path: path, code: code)
        }
        do {
            try check(descriptor: fd, path: path)
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// Checks an open file: a regular file, owned by this process's user, not writable by group or others, in a
    /// folder group and others cannot write.
    public static func check(descriptor fd: Int32, path: String) throws(Refusal) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Refusal(path: path, description: "\(path): cannot stat the file") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Refusal(
                path: path,
                description: "\(path) is not a regular file; organizer-sync keeps its state in files"
            )
        }
        try checkOwnerAndMode(info, path: path, kind: "file")
        try checkFolder(of: path)
    }

    /// Checks an existing file without opening it for the caller (the state store, which SQLite opens): not a link,
    /// and as ``check(descriptor:path:)``.
    ///
    /// A missing file passes.
    public static func checkIfPresent(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        let fd = try open(path, flags: O_RDONLY)
        close(fd)
    }

    /// Checks the folder that holds `path`: owned by this user or root, not writable by group or others.
    public static func checkFolder(of path: String) throws(Refusal) {
        var folder = path
        if let slash = folder.lastIndex(of: "/") {
            folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
        } else {
            folder = "."
        }
        var info = stat()
        guard stat(folder, &info) == 0 else { return }
        let isSticky = info.st_mode & S_ISVTX != 0
        guard info.st_mode & 0o022 == 0 || (isSticky && info.st_uid == geteuid()) else {
            throw Refusal(
                path: folder,
                description:
                    "the folder \(folder) is writable by group or others (mode \(octal(info.st_mode))): anyone "
                    + "who can write there could replace organizer-sync's files; run chmod go-w \(folder)"
            )
        }
        guard info.st_uid == geteuid() || info.st_uid == 0 else {
            throw Refusal(
                path: folder,
                description: "the folder \(folder) belongs to uid \(info.st_uid), not to this user (uid \(geteuid())) "
                    + "nor root; run chown \(geteuid()) \(folder)"
            )
        }
    }

    private static func checkOwnerAndMode(_ info: stat, path: String, kind: String) throws(Refusal) {
        guard info.st_uid == geteuid() else {
            throw Refusal(
                path: path,
                description: "\(path) belongs to uid \(info.st_uid), not to the user running organizer-sync "
                    + "(uid \(geteuid())); run chown \(geteuid()) \(path), or run organizer-sync as its owner"
            )
        }
        guard info.st_mode & 0o022 == 0 else {
            throw Refusal(
                path: path,
                description:
                    "\(path) is writable by group or others (mode \(octal(info.st_mode))); run chmod go-w \(path)"
            )
        }
    }

    private static func symbolicLink(_ path: String) -> Refusal {
        Refusal(
            path: path,
            description: "\(path) is a symbolic link; organizer-sync opens its state and plan files only as regular "
                + "files (never through a link, whose target it could overwrite): replace the link with the file"
        )
    }

    /// The permission bits in octal, as `chmod` takes them (`0666`).
    static func octal(_ mode: mode_t) -> String {
        "0" + String(mode & 0o7777, radix: 8)
    }

    /// An `open(2)` that failed for another reason than a link.
    public struct OpenFailure: Error, Sendable, CustomStringConvertible {
        /// The path.
        public var path: String
        /// `errno`.
        public var code: Int32

        public var description: String { "\(path): \(String(cString: strerror(code)))" }
    }
}

/// `open(2)`, under a name the static ``OwnedFile/open(_:flags:mode:)`` does not shadow.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}
