import Foundation
public import OrganizerSyncCore

#if canImport(Glibc)
import Glibc
#endif

/// A rotated refresh token could not be kept.
///
/// The description names the provider and where the token is
/// configured, never the token.
public struct RefreshTokenRotationError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// The token is configured through an environment variable, which organizer-sync cannot update.
        case configuredThroughEnvironment
        /// The token file could not be replaced.
        case fileNotWritable
        /// The token is configured in a way that cannot be updated (an inline value).
        case notWritable
    }

    /// The kind of failure.
    public var code: Code
    /// The provider that rotated the token.
    public var provider: ProviderKind
    /// Where the refresh token is configured.
    public var reference: SecretReference
    /// The system's reason, for ``Code/fileNotWritable``.
    public var reason: String?

    public var description: String {
        switch code {
        case .configuredThroughEnvironment:
            "\(provider) rotated the refresh token, but it is configured through \(reference), which organizer-sync "
                + "cannot update: the old token is no longer valid, so the next run would fail. Use "
                + "refresh_token_file instead (a file the service may write, mode 0600) and put the newest token there."
        case .fileNotWritable:
            "\(provider) rotated the refresh token, but it could not be saved to \(reference)"
                + (reason.map { " (\($0))" } ?? "") + "; the old token is no longer valid. Make the file and its "
                + "folder writable for the service, then put a new refresh token there."
        case .notWritable:
            "\(provider) rotated the refresh token, but \(reference) cannot be updated; use refresh_token_file."
        }
    }
}

/// Keeps a rotated refresh token where the configuration names it, before the access token that came with it
/// is used (GoTo and Webex may invalidate the old refresh token as soon as they issue a new one).
///
/// A `*_file` is replaced atomically: a temporary file (mode 0600) in the same folder, written and fsynced,
/// renamed over the old one, then the folder fsynced, so a crash leaves either the old token or the new one,
/// never a torn file. A token configured through `*_env` cannot be updated: a rotation there is an error that
/// says to use a file.
struct RefreshTokenFile: Sendable {
    let provider: ProviderKind
    let reference: SecretReference

    /// Saves `token` unless the configured one is already it.
    /// - Throws: ``RefreshTokenRotationError``.
    func save(_ token: Secret) throws(RefreshTokenRotationError) {
        if let current = try? reference.resolve(), current == token { return }
        switch reference {
        case .file(let path):
            do {
                try Self.replace(path, with: Array((token.value + "\n").utf8))
            } catch {
                throw RefreshTokenRotationError(
                    code: .fileNotWritable,
                    provider: provider,
                    reference: reference,
                    reason: error.reason
                )
            }
        case .environment:
            throw RefreshTokenRotationError(
                code: .configuredThroughEnvironment,
                provider: provider,
                reference: reference
            )
        case .inline, .credential:  // systemd credentials are read-only
            throw RefreshTokenRotationError(code: .notWritable, provider: provider, reference: reference)
        }
    }

    /// Why a system call failed: the call and `strerror` (paths are in the error's reference).
    struct SystemError: Error {
        var reason: String
        init(_ call: String) { reason = "\(call): \(String(cString: strerror(errno)))" }
    }

    /// Replaces the file at `path` with `bytes`: temporary file 0600 in the same folder, fsync, rename, fsync of
    /// the folder.
    static func replace(_ path: String, with bytes: [UInt8]) throws(SystemError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemError("create \(temporary)") }
        var written = 0
        var failure: SystemError?
        while written < bytes.count {
            // The loop only runs for a non-empty buffer, which has a base address; -1 with EINVAL otherwise.
            let result = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else {
                    errno = EINVAL
                    return -1
                }
                return write(fd, base + written, bytes.count - written)
            }
            if result < 0 && errno == EINTR { continue }
            if result <= 0 {
                failure = SystemError("write")
                break
            }
            written += result
        }
        if failure == nil, fsync(fd) != 0 { failure = SystemError("fsync") }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = SystemError("rename") }
        if let failure {
            unlink(temporary)
            throw failure
        }
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw SystemError("open folder \(folder)") }
        defer { close(directory) }
        if fsync(directory) != 0 { throw SystemError("fsync folder \(folder)") }
    }
}
