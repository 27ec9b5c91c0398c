#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes secret files for tests the way an admin must: mode 0600 from the start (organizer-sync refuses a secret
/// file its group or others can read, as OpenSSH does).
public enum SecretFiles {
    /// Writes `text` to `path` with mode 0600, replacing what is there (an existing file's mode is set to 0600).
    /// - Throws: ``ProcessRunnerError`` when the file cannot be written.
    public static func save(_ text: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw ProcessRunnerError("cannot create the secret file \(path): errno \(errno)") }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw ProcessRunnerError("cannot chmod 600 \(path): errno \(errno)") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw ProcessRunnerError("cannot write the secret file \(path)") }
    }
}
