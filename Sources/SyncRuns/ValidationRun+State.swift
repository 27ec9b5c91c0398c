import AccountMapping
import AuditLog
import Foundation
import OrganizerSyncCore
import StateStore
import SyncConfiguration

extension ValidationRun {
    /// Opens the state store if it exists and verifies the audit log against the head the store recorded.
    static func checkState(_ configuration: Configuration, into report: inout ValidationReport) {
        let settings = configuration.state
        var database: StateDatabase?
        if FileManager.default.fileExists(atPath: settings.database) {
            do {
                let store = try StateDatabase(path: settings.database)
                let managed = try configuration.targets.map {
                    "\($0.name) \(try store.state(target: $0.name).accounts.count)"
                }
                let last = try store.runs(limit: 1).first.map {
                    "last run \($0.id): \($0.result?.rawValue ?? "unfinished")"
                }
                report.add(
                    "state_store",
                    .ok,
                    "\(settings.database), managed accounts: \(managed.joined(separator: ", "))"
                        + (last.map { "; \($0)" } ?? "")
                )
                database = store
            } catch {
                report.add("state_store", .failed, "\(error)")
                return
            }
        } else {
            report.add(
                "state_store",
                .note,
                "none yet at \(settings.database) (the first apply or reconcile creates it)"
            )
        }
        guard FileManager.default.fileExists(atPath: settings.auditLog) else {
            report.add("audit_log", .note, "none yet at \(settings.auditLog)")
            return
        }
        do {
            let head = try database?.lastAuditHead().map { AuditHead(seq: $0.seq, hash: $0.hash) }
            let verification = try AuditVerifier.verify(path: settings.auditLog, expectedHead: head)
            report.add("audit_log", verification.isIntact ? .ok : .failed, "\(verification)")
        } catch {
            report.add("audit_log", .failed, "\(error)")
        }
    }

    /// Loads each target's mapping: one check per target.
    static func checkMappings(_ configuration: Configuration, into report: inout ValidationReport) {
        guard !configuration.targets.isEmpty else { return }
        let loader: TargetMappings
        do {
            loader = try TargetMappings(configuration: configuration)
        } catch {
            report.add("mappings", .failed, "\(error)")
            return
        }
        for target in configuration.targets {
            do {
                let mapping = try loader.mapping(for: target)
                let scope = mapping.scope.groups.isEmpty ? "every user" : "\(mapping.scope.groups.count) group(s)"
                report.add(
                    "mapping",
                    target: target.name,
                    aspect: "mapping",
                    .ok,
                    "\(target.mapping), scope \(scope), "
                        + "\(mapping.fields.count) fields, \(mapping.licences.rules.count) licence rule(s)"
                )
            } catch {
                report.add("mapping", target: target.name, aspect: "mapping", .failed, "\(error)")
            }
        }
    }
}
