import ArgumentParser
import Foundation
import Logging
import OrganizerSyncCore
import StateStore
import SyncConfiguration
import SyncApply
import SyncPlanning

/// `organizer-sync apply PLAN`: carries out a saved plan, and nothing that is not in it.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Carry out a plan saved by plan --out, and nothing that is not in it.",
        discussion: """
            Refuses a plan whose seal does not verify, that was made from another configuration or mapping, \
            that is older than apply.max_plan_age_minutes, or that a gate blocked (unless --override names every \
            gate it tripped). Lists each target's accounts again and checks the thresholds against them. Each \
            change is checked against the account as the plan saw it: an account that changed since is skipped, \
            never overwritten. Every change is written to the audit log before and after it is made.

            Exit codes: 0 every change made, 6 some failed or were skipped (see the summary), 3 blocked by a \
            gate, 7 plan refused, 4 another run holds the lock, 1 error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The plan file written by plan --out.")
    var planFile: String

    @Option(name: .customLong("override"), help: "Apply although this gate tripped (repeat for each gate).")
    var overrides: [String] = []

    func run() async throws {
        let logger = global.makeLogger()
        let code: Int32
        do {
            let configuration = try global.loadConfiguration()
            let plan = try Self.readPlan(planFile)
            let targets = try ApplyRun.targets(of: plan, in: configuration)
            var options = ApplyOptions(
                configDigest: try PlanningRun.configDigest(configuration, targets: targets),
                maxPlanAge: configuration.state.maxPlanAge,
                overriddenGates: Set(overrides),
                concurrency: configuration.state.concurrency
            )
            options.trust = try PlanSigning.trust(configuration)
            PlanSigning.warnIfChecksumOnly(configuration, logger: logger)
            let vouchers = try PlanAcceptance.check(plan, options: options, targets: Set(configuration.targets.map(\.name)))
            let command = CommandLine.arguments.joined(separator: " ")
            let session = try RunSession(
                database: configuration.state.database,
                auditLog: configuration.state.auditLog,
                command: command
            )
            do {
                try session.begin(
                    toolVersion: OrganizerSync.configuration.version,
                    configDigest: plan.configDigest,
                    planDigest: plan.digest,
                    approvals: vouchers
                )
            } catch {
                session.abandon()
                throw error
            }
            code = try await ApplyRun.apply(
                plan,
                configuration: configuration,
                session: session,
                options: options,
                logger: logger
            ).code
        } catch {
            code = Self.exitCode(for: error)
            printError("error: \(String(describing: error))")
        }
        fflush(nil)
        Foundation.exit(code)
    }

    /// Reads and decodes a plan file; the seal is checked by ``PlanAcceptance``.
    static func readPlan(_ file: String) throws -> Plan {
        let data: Data
        do {
            // Not through a link, this user's, not writable by others (see OwnedFile).
            let handle = FileHandle(fileDescriptor: try OwnedFile.open(file, flags: O_RDONLY), closeOnDealloc: true)
            data = try handle.readToEnd() ?? Data()
        } catch let refusal as OwnedFile.Refusal {
            throw ApplyError(.planTampered, "the plan file is refused: \(refusal)")
        } catch {
            throw ApplyError(.planTampered, "cannot read the plan file \(file)")
        }
        do {
            return try Plan.decode(from: data)
        } catch {
            throw ApplyError(.planTampered, "\(file) is not a plan file: \(error)")
        }
    }

    /// The exit code of an error that stopped `apply` or `reconcile`.
    static func exitCode(for error: any Error) -> Int32 {
        if let error = error as? StateLockError { return error.code == .held ? ExitCodes.locked : ExitCodes.failure }
        guard let error = error as? ApplyError else { return ExitCodes.failure }
        switch error.code {
        case .blocked, .thresholdTripped: return ExitCodes.blocked
        case .planTampered, .otherConfiguration, .planTooOld, .unknownTarget, .unknownOverride, .untrustedSignature,
            .notApproved:
            return ExitCodes.planRefused
        }
    }
}
