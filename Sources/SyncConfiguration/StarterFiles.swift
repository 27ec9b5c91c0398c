import Foundation
public import OrganizerSyncCore

/// The starter configuration and mapping files `organizer-sync init` writes, composed from the commented examples
/// in `Examples/config/` (built into the binary by `Scripts/generate-presets.sh`, so there is one source).
///
/// The example for the chosen directory keeps its directory section and the target blocks of the chosen providers;
/// its folder `/etc/organizer-sync/` becomes the folder the files are written to (paths relative to the
/// configuration file), and its opening comment becomes a list of what is still to do.
public enum StarterFiles {
    /// The directory kinds there is an example for.
    public enum Directory: String, Sendable, CaseIterable {
        case openldap
        case activeDirectory = "active-directory"
    }

    /// One file to write.
    public struct File: Sendable, Hashable {
        /// The file name, relative to the output folder.
        public var name: String
        /// The file's text.
        public var text: String
    }

    /// The example's own folder, replaced by the configuration file's folder.
    static let exampleFolder = "/etc/organizer-sync/"

    /// The name of the configuration file init writes.
    public static let configurationName = "organizer-sync.yaml"

    /// The files for a directory and its targets: the configuration first, then one mapping file per target.
    /// - Parameters:
    ///   - directory: the directory preset.
    ///   - providers: the targets' providers (each at most once, in the order given; at least one).
    ///   - command: the command line that made them, quoted in the configuration's first comment.
    /// - Returns: the files, and the secret files (relative to the output folder) the configuration names.
    public static func make(
        directory: Directory,
        providers: [ProviderKind],
        command: String
    ) -> (files: [File], secretFiles: [String]) {
        let example = text("config/\(directory.rawValue).yaml")
        let chosen = providers.reduce(into: [ProviderKind]()) { if !$0.contains($1) { $0.append($1) } }
        let body = relocated(keepingTargets(chosen, of: example))
        let secrets = secretFiles(in: body)
        var files = [File(name: configurationName, text: header(command: command, secrets: secrets) + body)]
        for provider in chosen {
            files.append(File(name: "\(provider.rawValue)-mapping.yaml", text: text("config/\(provider)-mapping.yaml")))
        }
        return (files, secrets)
    }

    /// The text of a built-in example, as the file in `Examples/` holds it.
    /// - Parameter path: the path under `Examples/` (`config/openldap.yaml`).
    /// - Returns: the text, empty when there is no such example.
    public static func text(_ path: String) -> String {
        files[path].map { $0 + "\n" } ?? ""
    }

    /// The example from `version: 1` on, with only the target blocks (`  - name: …`) whose `provider:` is chosen.
    static func keepingTargets(_ chosen: [ProviderKind], of example: String) -> String {
        let lines = example.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = lines.firstIndex { $0.hasPrefix("version:") } ?? 0
        var kept: [String] = []
        var block: [String] = []
        var inTargets = false
        func flush() {
            let provider = block.lazy.compactMap { line -> String? in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("provider:") else { return nil }
                return trimmed.dropFirst("provider:".count).split(separator: "#")[0]
                    .trimmingCharacters(in: .whitespaces)
            }.first
            if let provider, chosen.contains(where: { $0.rawValue == provider }) { kept += block }
            block = []
        }
        for line in lines[start...] {
            let isTopLevel = !line.isEmpty && !line.hasPrefix(" ") && !line.hasPrefix("#")
            if inTargets && isTopLevel {
                flush()
                inTargets = false
            }
            if inTargets {
                if line.hasPrefix("  - name:") { flush() }
                block.append(line)
            } else {
                kept.append(line)
                inTargets = line.hasPrefix("targets:")
            }
        }
        flush()
        return kept.joined(separator: "\n")
    }

    /// The text with ``exampleFolder`` removed from every path (so they are relative to the configuration file),
    /// each line's comment kept in its column.
    static func relocated(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let removed = line.components(separatedBy: exampleFolder).count - 1
            guard removed > 0 else { return String(line) }
            var result = line.replacingOccurrences(of: exampleFolder, with: "")
            if !result.hasPrefix("#"), let comment = result.range(of: "  #") {
                result.insert(
                    contentsOf: String(repeating: " ", count: removed * exampleFolder.count),
                    at: comment.lowerBound
                )
            }
            return result
        }.joined(separator: "\n")
    }

    /// The secret files a configuration text names (`password_file:`, `*_secret_file:`, `*_token_file:`),
    /// outside comments, in order.
    static func secretFiles(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let parts = code.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            guard key == "password_file" || key.hasSuffix("secret_file") || key.hasSuffix("token_file") else {
                return nil
            }
            return parts[1].trimmingCharacters(in: .whitespaces)
        }
    }

    /// The opening comment: what wrote the file and what is still to do.
    static func header(command: String, secrets: [String]) -> String {
        var lines = [
            "# organizer-sync configuration, written by: \(command)",
            "# Every key and its default: docs/configuration.md (/usr/share/doc/organizer-sync/docs/configuration.md).",
            "#",
            "# Still to do before it runs:",
            "#   1. Replace every value marked CHANGE (the directory's URL and names, each target's ids).",
            "#   2. Put each secret in its own file, readable only by the user organizer-sync runs as:",
        ]
        lines += secrets.map { "#        \($0)" }
        lines += [
            "#      for example: install -m 600 /dev/null FILE, then write the secret into FILE.",
            "#      A refresh token file must stay writable by that user: the provider may rotate the token.",
            "#   3. organizer-sync validate --config \(configurationName)   # says exactly what is still missing",
            "#   4. organizer-sync plan --out plan.json, read it, then organizer-sync apply plan.json",
            "# Editor completion: organizer-sync schema config > organizer-sync.schema.json, then add this line:",
            "#   # yaml-language-server: $schema=organizer-sync.schema.json",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
