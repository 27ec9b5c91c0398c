import AccountMapping
import AuditLog
import Foundation
import LDAPDirectory
public import Logging
import OrganizerSyncCore
import StateStore
public import SyncConfiguration

/// `validate`'s checks: the configuration, presets, mappings, secrets, state store, audit log and signing,
/// then (unless offline) a bind to the directory and a read-only lookup at each target.
public enum ValidationRun {
    /// Validates the configuration that `load` reads from `configurationFile`.
    ///
    /// - Parameters:
    ///   - configurationFile: The file, as the operator named it (for the report).
    ///   - offline: Check the files and secrets only; contact nothing.
    ///   - logger: Where the directory and provider clients log.
    ///   - load: Reads and checks the configuration; its error becomes the first, failed check.
    /// - Returns: Every check in the order made; ``ValidationReport/isValid`` is the verdict.
    public static func run(
        configurationFile: String,
        offline: Bool,
        logger: Logger,
        load: () throws -> Configuration
    ) async -> ValidationReport {
        var report = ValidationReport(configurationFile: configurationFile, offline: offline)
        let configuration: Configuration
        do {
            configuration = try load()
        } catch {
            report.add("configuration", .failed, "\(error)")
            return report
        }
        let preset = configuration.directoryPresetFile.map { " (preset \($0))" } ?? ""
        report.add("configuration", .ok, "\(configuration.file)\(preset)")
        checkPlaceholders(configuration, into: &report)
        var canBind = true
        if let reference = configuration.directory.connection.bindPassword {
            if let (status, message) = secretProblem(reference, key: "directory.bind.password") {
                report.add("bind_password", status, message)
                canBind = false
            } else {
                report.add("bind_password", .ok, "read from \(reference)")
            }
        }
        for target in configuration.targets {
            var readable = true
            for (key, reference) in target.credentials.namedSecrets {
                if let (status, message) = secretProblem(reference, key: "credentials.\(key)") {
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
        guard !offline else { return report }
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
        return report
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
