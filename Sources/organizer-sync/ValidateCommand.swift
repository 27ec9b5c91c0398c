import AccountMapping
import ArgumentParser
import AuditLog
import Foundation
import LDAPDirectory
import OrganizerSyncCore
import StateStore
import SyncConfiguration
import SyncRuns

/// `organizer-sync validate`: checks the configuration, then connects and binds.
struct ValidateCommand: OrganizerSyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the configuration, presets and credentials, then connect to the directory and each target.",
        discussion: """
            Prints one line per check and a verdict: what is wrong, and what is still missing (a secret file to \
            create, a placeholder from init to replace). Each target is checked with a read-only lookup of an \
            address nobody has. Exits 0 when everything is valid, 1 otherwise. --format json prints the same \
            checks as JSON (docs/json-output.md).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Check the files and that every secret can be read; do not connect.")
    var offline = false

    @Option(help: "Output: text (one line per check) or json.")
    var format: ReportFormat = .text

    func execute() async throws -> ExitReason {
        let logger = global.makeLogger()
        var report = ValidationReport(configurationFile: global.configFile, offline: offline)
        defer { print(format == .json ? ((try? report.json()) ?? "{}") : report.text(), terminator: "") }
        let configuration: Configuration
        do {
            configuration = try global.loadConfiguration()
        } catch {
            report.add("configuration", .failed, "\(error)")
            return .failure
        }
        let preset = configuration.directoryPresetFile.map { " (preset \($0))" } ?? ""
        report.add("configuration", .ok, "\(configuration.file)\(preset)")
        Self.checkPlaceholders(configuration, into: &report)
        var canBind = true
        if let reference = configuration.directory.connection.bindPassword {
            if let (status, message) = Self.secretProblem(reference, key: "directory.bind.password") {
                report.add("bind_password", status, message)
                canBind = false
            } else {
                report.add("bind_password", .ok, "read from \(reference)")
            }
        }
        for target in configuration.targets {
            var readable = true
            for (key, reference) in target.credentials.namedSecrets {
                if let (status, message) = Self.secretProblem(reference, key: "credentials.\(key)") {
                    report.add("credentials", target: target.name, status, message)
                    readable = false
                }
            }
            if readable {
                report.add(
                    "credentials",
                    target: target.name,
                    aspect: "credentials",
                    .ok,
                    "\(target.provider) \(target.credentials.flow)"
                )
            }
        }
        checkMappings(configuration, into: &report)
        checkState(configuration, into: &report)
        checkSigning(configuration, into: &report)
        guard !offline else { return report.isValid ? .success : .failure }
        if canBind {
            do {
                let summary = try await DirectoryReader(configuration: configuration.directory, logger: logger)
                    .checkConnection()
                report.add("directory", .ok, "\(summary)")
            } catch {
                report.add("directory", .failed, "\(error)")
            }
        } else {
            report.add("directory", .failed, "not contacted: the bind password cannot be read (see above)")
        }
        for target in configuration.targets {
            do {
                // A read-only lookup of an address nobody has: it needs a token and one API call.
                let probe = "organizer-sync.validate@example.invalid"
                _ = try await TargetProviders.withAccountProvider(target, logger: logger) { provider in
                    try await provider.account(email: probe)
                }
                report.add(
                    "connection",
                    target: target.name,
                    .ok,
                    "authenticated and queried the \(target.provider) admin API"
                )
            } catch {
                report.add("connection", target: target.name, .failed, "\(error)")
            }
        }
        return report.isValid ? .success : .failure
    }

    /// Reads a secret.
    /// - Returns: `nil` when it can be read; otherwise how the check comes out and what to do.
    static func secretProblem(_ reference: SecretReference, key: String) -> (ValidationReport.Status, String)? {
        do {
            _ = try reference.resolve()
            return nil
        } catch {
            if case .file(let path) = reference, !FileManager.default.fileExists(atPath: path) {
                return (
                    .missing,
                    "the secret file \(path) named by \(key)_file does not exist: create it holding the secret, "
                        + "readable only by the user organizer-sync runs as (install -m 600 /dev/null \(path), "
                        + "then write the secret into it)"
                )
            }
            if case .environment(let name) = reference {
                return (.missing, "the environment variable \(name) named by \(key)_env is not set or is empty")
            }
            return (.failed, "\(error)")
        }
    }

    /// Reports every value still holding init's placeholder `CHANGE-ME`, in the configuration and mapping files.
    static func checkPlaceholders(_ configuration: Configuration, into report: inout ValidationReport) {
        var files = [configuration.file]
        for target in configuration.targets {
            if case .file(let path) = target.mapping, !files.contains(path) { files.append(path) }
        }
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                guard code.contains("CHANGE-ME") else { continue }
                let key =
                    code.split(separator: ":", maxSplits: 1).first.map {
                        $0.trimmingCharacters(in: .whitespaces)
                    } ?? ""
                report.add(
                    "configuration",
                    .missing,
                    "\(file):\(index + 1): \(key) is still the placeholder CHANGE-ME: replace it with your value"
                )
            }
        }
    }
}
