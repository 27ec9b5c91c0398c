public import ArgumentParser
import Foundation
public import OrganizerSyncCore
public import SyncConfiguration
import SyncRuns

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `organizer-sync init`: writes a commented starter configuration and one mapping file per target.
struct InitCommand: OrganizerSyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter configuration and mapping files for a directory and its targets.",
        discussion: """
            Writes organizer-sync.yaml and one PROVIDER-mapping.yaml per target into the output folder, from the \
            examples shipped with organizer-sync: secrets are named as files (*_file), never written; the safe \
            defaults are on (provider admins protected, leavers suspended then deleted after 30 days, thresholds \
            and guards that stop a bad run); plan signing and an audit key are recommended in comments. Then \
            replace the values marked CHANGE, create the secret files it lists (mode 0600) and run validate, \
            which says what is still missing.

            Never overwrites: when any of the files exists, nothing is written (exit 1, naming it).
            """
    )

    @Option(help: "The directory: openldap or active-directory.")
    var directory: StarterFiles.Directory

    @Option(name: .customLong("target"), help: "A target's provider: zoom, webex or goto (repeat for several).")
    var providers: [ProviderKind] = []

    @Option(help: "The folder to write the files to (created if missing).")
    var output: String = "."

    func validate() throws {
        guard !providers.isEmpty else { throw ValidationError("name at least one --target: zoom, webex or goto") }
    }

    func execute() async throws -> ExitReason {
        let command =
            (["organizer-sync", "init", "--directory", directory.rawValue]
            + providers.flatMap { ["--target", $0.rawValue] }).joined(separator: " ")
        let starter = StarterFiles.make(directory: directory, providers: providers, command: command)
        let paths = starter.files.map { (output as NSString).appendingPathComponent($0.name) }
        // Every file is checked before any is written: init never leaves half a configuration behind.
        var status = stat()
        for path in paths where lstat(path, &status) == 0 {
            throw CommandError(.fileExists, "\(path) exists; init never overwrites a file, and wrote nothing")
        }
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw CommandError(.writeFailed, "cannot create the folder \(output): \(error.localizedDescription)")
        }
        var written: [String] = []
        for (file, path) in zip(starter.files, paths) {
            do {
                try Self.create(path, text: file.text)
                written.append(path)
            } catch {
                for path in written { unlink(path) }
                throw error
            }
        }
        for path in written { print("wrote \(path)") }
        print("Next: replace each value marked CHANGE in \(paths[0]), put each secret in its own file (chmod 600):")
        for secret in starter.secretFiles { print("  \(secret)") }
        print("then run: organizer-sync validate --config \(paths[0])")
        return .success
    }

    /// Creates `path` (which must not exist, not even as a link) and writes `text` to it, mode 0644.
    private static func create(_ path: String, text: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CommandError(errno == EEXIST ? .fileExists : .writeFailed, "cannot create \(path): \(reason)")
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard count == bytes.count else {
            unlink(path)
            throw CommandError(.writeFailed, "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}

extension StarterFiles.Directory: ExpressibleByArgument {}
extension ProviderKind: ExpressibleByArgument {}
