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
            Prints one line per check and a verdict. Each target is checked with a read-only lookup of an \
            address nobody has. Exits 0 when everything is valid, 1 otherwise.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Check the files and that every secret can be read; do not connect.")
    var offline = false

    func execute() async throws -> ExitReason {
        let logger = global.makeLogger()
        let configuration: Configuration
        do {
            configuration = try global.loadConfiguration()
        } catch {
            print("configuration: FAILED: \(error)")
            print("verdict: INVALID")
            return .failure
        }
        let preset = configuration.directoryPresetFile.map { " (preset \($0))" } ?? ""
        print("configuration: OK: \(configuration.file)\(preset)")
        if let reference = configuration.directory.connection.bindPassword {
            do {
                _ = try reference.resolve()
                print("bind password: OK: read from \(reference)")
            } catch {
                print("bind password: FAILED: \(error)")
                print("verdict: INVALID")
                return .failure
            }
        }
        var isValid = true
        for target in configuration.targets {
            do {
                for reference in target.credentials.secrets { _ = try reference.resolve() }
                print("target \(target.name): credentials OK: \(target.provider) \(target.credentials.flow)")
            } catch {
                print("target \(target.name): FAILED: \(error)")
                isValid = false
            }
        }
        isValid = checkMappings(configuration) && isValid
        isValid = checkState(configuration) && isValid
        isValid = checkSigning(configuration) && isValid
        guard !offline else {
            print(isValid ? "verdict: VALID (files only; nothing was contacted)" : "verdict: INVALID")
            return isValid ? .success : .failure
        }
        do {
            let summary = try await DirectoryReader(configuration: configuration.directory, logger: logger)
                .checkConnection()
            print("directory: OK: \(summary)")
        } catch {
            print("directory: FAILED: \(error)")
            isValid = false
        }
        for target in configuration.targets {
            do {
                // A read-only lookup of an address nobody has: it needs a token and one API call.
                let probe = "organizer-sync.validate@example.invalid"
                _ = try await TargetProviders.withAccountProvider(target, logger: logger) { provider in
                    try await provider.account(email: probe)
                }
                print("target \(target.name): OK: authenticated and queried the \(target.provider) admin API")
            } catch {
                print("target \(target.name): FAILED: \(error)")
                isValid = false
            }
        }
        print(isValid ? "verdict: VALID" : "verdict: INVALID")
        return isValid ? .success : .failure
    }

    /// Opens the state store if it exists and verifies the audit log against the head the store recorded.
    /// - Returns: whether both are usable.
    private func checkState(_ configuration: Configuration) -> Bool {
        let settings = configuration.state
        var database: StateDatabase?
        if FileManager.default.fileExists(atPath: settings.database) {
            do {
                let store = try StateDatabase(path: settings.database)
                let managed = try configuration.targets.map { "\($0.name) \(try store.state(target: $0.name).accounts.count)" }
                let last = try store.runs(limit: 1).first.map { "last run \($0.id): \($0.result?.rawValue ?? "unfinished")" }
                print(
                    "state store: OK: \(settings.database), managed accounts: \(managed.joined(separator: ", "))"
                        + (last.map { "; \($0)" } ?? "")
                )
                database = store
            } catch {
                print("state store: FAILED: \(error)")
                return false
            }
        } else {
            print("state store: none yet at \(settings.database) (the first apply or reconcile creates it)")
        }
        guard FileManager.default.fileExists(atPath: settings.auditLog) else {
            print("audit log: none yet at \(settings.auditLog)")
            return true
        }
        do {
            let head = try database?.lastAuditHead().map { AuditHead(seq: $0.seq, hash: $0.hash) }
            let verification = try AuditVerifier.verify(path: settings.auditLog, expectedHead: head)
            print("audit log: \(verification.isIntact ? "OK" : "FAILED"): \(verification)")
            return verification.isIntact
        } catch {
            print("audit log: FAILED: \(error)")
            return false
        }
    }

    /// Loads each target's mapping and prints one line per target.
    /// - Returns: whether every mapping loaded.
    private func checkMappings(_ configuration: Configuration) -> Bool {
        guard !configuration.targets.isEmpty else { return true }
        let loader: TargetMappings
        do {
            loader = try TargetMappings(configuration: configuration)
        } catch {
            print("mappings: FAILED: \(error)")
            return false
        }
        var isValid = true
        for target in configuration.targets {
            do {
                let mapping = try loader.mapping(for: target)
                let scope = mapping.scope.groups.isEmpty ? "every user" : "\(mapping.scope.groups.count) group(s)"
                print(
                    "target \(target.name): mapping OK: \(target.mapping), scope \(scope), "
                        + "\(mapping.fields.count) fields, \(mapping.licences.rules.count) licence rule(s)"
                )
            } catch {
                print("target \(target.name): mapping FAILED: \(error)")
                isValid = false
            }
        }
        return isValid
    }
}
