import OrganizerSyncCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the POSIX calls the log needs, throwing ``AuditLogError`` with `strerror` text.
///
/// A `LogFile` does not own its descriptor: whoever opened it closes it (``AuditLogWriter`` in `close()`/deinit,
/// ``LineReader`` when its read ends).
struct LogFile {
    let fd: Int32
    let path: String

    /// Opens `path` read-only.
    static func openForReading(_ path: String) throws(AuditLogError) -> LogFile {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw AuditLogError(code == ENOENT ? .notFound : .cannotOpen, path: path, reason: errorText(code))
        }
        return LogFile(fd: fd, path: path)
    }

    /// Opens `path` for appending, creating it with mode 0600 (and missing parent folders with mode 0700).
    /// - Returns: the file and whether this call created it.
    static func openForAppending(_ path: String) throws(AuditLogError) -> (file: LogFile, created: Bool) {
        try makeParentFolders(of: path)
        var created = true
        var fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 && errno == EEXIST {
            created = false
            fd = open(path, O_RDWR | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        }
        guard fd >= 0 else {
            let code = errno
            let reason =
                code == ELOOP
                ? "it is a symbolic link; the audit log is only written as a regular file" : errorText(code)
            throw AuditLogError(.cannotOpen, path: path, reason: reason)
        }
        do {
            try OwnedFile.check(descriptor: fd, path: path)
        } catch {
            closeDescriptor(fd)
            throw AuditLogError(.insecurePermissions, path: path, reason: error.description)
        }
        let file = LogFile(fd: fd, path: path)
        // The umask may have taken bits away from 0600 (0400 would still let this descriptor write, but not the
        // next run): set exactly 0600.
        if created && fchmod(fd, 0o600) != 0 {
            let reason = errorText(errno)
            closeDescriptor(fd)
            throw AuditLogError(.cannotOpen, path: path, reason: reason)
        }
        // A new file's name lives in its folder: flush the folder too, or a crash could lose the whole file.
        if created { syncFolder(of: path) }
        return (file, created)
    }

    /// Creates the missing folders above `path`, each with mode 0700; existing folders are left as they are.
    private static func makeParentFolders(of path: String) throws(AuditLogError) {
        var components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        components.removeLast()
        var current = path.hasPrefix("/") ? "" : "."
        for component in components where !component.isEmpty {
            current += "/" + component
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw AuditLogError(.cannotOpen, path: path, reason: "cannot create \(current): \(errorText(errno))")
            }
        }
    }

    /// Flushes the folder holding `path` (best effort: a folder that cannot be opened is left as it is).
    private static func syncFolder(of path: String) {
        let folder = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        let fd = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        closeDescriptor(fd)
    }

    /// The file's status.
    func status() throws(AuditLogError) -> stat {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw AuditLogError(.readFailed, path: path, reason: errorText(errno)) }
        return info
    }

    /// Reads up to `count` bytes at `offset` (fewer only at the end of the file).
    func read(at offset: Int, count: Int) throws(AuditLogError) -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress.map { $0 + done }, count - done, off_t(offset + done))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw AuditLogError(.readFailed, path: path, reason: errorText(errno))
            }
            if result == 0 { break }
            done += result
        }
        bytes.removeLast(count - done)
        return bytes
    }

    /// Reads the next bytes at the descriptor's position; an empty array at the end of the file.
    func readNext(upTo count: Int) throws(AuditLogError) -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        while true {
            let result = bytes.withUnsafeMutableBytes { buffer in systemRead(fd, buffer.baseAddress, count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw AuditLogError(.readFailed, path: path, reason: errorText(errno))
            }
            bytes.removeLast(count - result)
            return bytes
        }
    }

    /// Writes all of `bytes` (one `write(2)`, repeated only if the kernel took part of it).
    func writeAll(_ bytes: [UInt8]) throws(AuditLogError) {
        var done = 0
        while done < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress.map { $0 + done }, bytes.count - done)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw AuditLogError(.writeFailed, path: path, reason: errorText(errno))
            }
            done += result
        }
    }

    /// Flushes what was written to the disk.
    func sync() throws(AuditLogError) {
        while true {
            #if canImport(Darwin)
            let result = fsync(fd)
            #else
            // The file's size changes with every record, so fdatasync writes the metadata that matters too.
            let result = fdatasync(fd)
            #endif
            if result == 0 { return }
            if errno == EINTR { continue }
            throw AuditLogError(.syncFailed, path: path, reason: errorText(errno))
        }
    }
}

/// `read(2)`, named apart from ``LogFile/read(at:count:)``.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// `close(2)`, named apart from the `close()` methods of the types that own descriptors.
func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}

/// `strerror` of `code`.
func errorText(_ code: Int32) -> String {
    // O_NOFOLLOW on a symbolic link fails with ELOOP, whose text ("Too many levels…") hides the cause.
    code == ELOOP
        ? "it is a symbolic link (never followed); replace it with the file itself" : String(cString: strerror(code))
}
