import ArgumentParser
import Foundation
import Logging
import PlanReview
import SyncPlanning
import SyncRuns

/// `organizer-sync plan`: what would change at each target and why, optionally saved as a sealed plan file.
struct PlanCommand: OrganizerSyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Read the directory and each target's accounts, and show what would change and why.",
        discussion: """
            Reads the directory once, then lists each target's accounts, maps the directory with the target's \
            mapping and plans under its policy. --out saves the plan, sealed with a SHA-256 digest, for apply. \
            A plan that trips a threshold or guard is still shown and saved, marked BLOCKED with the gate's name.

            Exit codes: 0 nothing to do, 2 changes pending, 3 blocked by a safety gate, 6 stopped by SIGINT or \
            SIGTERM (nothing written), 1 error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("target"), help: "Plan only this target (repeat for several); default: every target.")
    var targets: [String] = []

    @Option(
        name: [.short, .customLong("out"), .customLong("out", withSingleDash: true)],
        help: "Write the sealed plan (JSON) to this file (also -out FILE, as Terraform spells it)."
    )
    var out: String?

    @Option(
        help: """
            Output: text (the readable summary), json (the sealed plan), or markdown or html (the plan for a change \
            ticket or pull request).
            """
    )
    var format: PlanFormat = .text

    @Flag(name: .customLong("new-state"), help: "Plan although the state store is missing, empty, older or foreign.")
    var newState = false

    @OptionGroup var attribution: AttributionOptions

    func execute() async throws -> ExitReason {
        let (logger, configuration) = try global.loggerAndConfiguration()
        let (targets, newState, reason) = (targets, newState, try attribution.checked())
        // SIGINT/SIGTERM while reading: nothing is written, exit 6.
        var run = try await ListingInterruption.run("plan", logger: logger) {
            try await PlanningRun.run(
                configuration: configuration,
                names: targets,
                newState: newState,
                reason: reason,
                keepingInputs: false,
                logger: logger
            )
        }
        let data = try run.keep(at: out, configuration: configuration, logger: logger)
        switch format {
        case .json:
            FileHandle.standardOutput.write(data)
        case .text:
            print(PlanRenderer().render(run.plan), terminator: "")
            if let out { print("Plan saved to \(out) (\(run.plan.digest ?? "unsealed")).") }
        case .markdown, .html:
            let review = PlanReview(
                plan: run.plan,
                sealCheck: "sealed by this run",
                signatureCheck: "signed by this run"
            )
            print(try PlanReviewRenderer().render(review, as: format.review ?? .markdown), terminator: "")
        }
        return ExitReason(plan: run.plan)
    }
}
