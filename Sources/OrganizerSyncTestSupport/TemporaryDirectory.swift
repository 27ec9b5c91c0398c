public import Foundation

/// A fresh, private (mode 700) directory under the system temporary directory.
///
/// Nothing removes it automatically; call `remove()` when done.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public var path: String { url.path }

    /// `prefix` must be plain text (letters, digits, `-`, `_`): the path ends up in config files.
    public init(prefix: String = "organizer-sync") throws {
        let base = FileManager.default.temporaryDirectory
        let name = "\(prefix)-\(UUID().uuidString.lowercased())"
        let url = base.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(
            at: url,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        // Resolve symbolic links (/tmp -> /private/tmp on macOS) so paths compare equal to what
        // the scripts print.
        self.url = url.resolvingSymlinksInPath()
    }

    /// Deletes the directory and everything in it.
    ///
    /// Errors are ignored.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
