#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// OpenSSH's rule for a file that holds a secret (a private key there, any `*_file` secret here): a regular file,
/// owned by the user running organizer-sync (or by root), that neither its group nor others may read, write or
/// execute (`mode & 077 == 0`).
///
/// A symbolic link is followed and its target judged: the file read is the target, so the target's owner and
/// mode are what decide who else can read the secret (as OpenSSH does for `IdentityFile`). systemd credentials
/// (`*_credential`) are not judged by this rule: systemd makes them and sets their mode and owner itself.
public enum SecretFilePolicy {
    /// What is wrong with a secret file.
    public enum Violation: Sendable, Hashable {
        /// Not a regular file (a folder, a FIFO, a device...).
        case notRegular
        /// Owned by another user than the one running organizer-sync, and not by root.
        case foreignOwner(uid: UInt32)
        /// Group or others have some permission on it; `mode` holds the permission bits.
        case tooOpen(mode: UInt32)

        /// The problem and the fix for `path`; never the file's contents.
        public func explanation(path: String) -> String {
            switch self {
            case .notRegular:
                "\(path) is not a regular file: a secret must be kept in a regular file"
            case .foreignOwner(let uid):
                "\(path) is owned by uid \(uid), not by the user running organizer-sync (uid \(geteuid())) or root: "
                    + "run chown \(geteuid()) \(path)"
            case .tooOpen(let mode):
                "\(path) can be read or written by its group or others (mode \(Self.octal(mode))): "
                    + "run chmod 600 \(path)"
            }
        }

        private static func octal(_ mode: UInt32) -> String {
            let digits = String(mode & 0o7777, radix: 8)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
    }

    /// Judges a file by its status (from `fstat` of the open descriptor, so that what is judged is what is read).
    /// - Parameter status: the file's status.
    /// - Returns: the first rule the file breaks, or `nil` when it may hold a secret.
    static func violation(of status: stat) -> Violation? {
        let user = geteuid()
        guard status.st_mode & S_IFMT == S_IFREG else { return .notRegular }
        guard status.st_uid == user || status.st_uid == 0 else { return .foreignOwner(uid: UInt32(status.st_uid)) }
        guard status.st_mode & 0o077 == 0 else { return .tooOpen(mode: UInt32(status.st_mode & 0o7777)) }
        return nil
    }

    /// Judges the file at `path` (following a symbolic link), for the configuration's early check.
    /// - Returns: the first rule the file breaks; `nil` when it keeps them or cannot be examined (a missing file
    ///   is reported when the secret is read).
    public static func violation(atPath path: String) -> Violation? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return violation(of: status)
    }
}
