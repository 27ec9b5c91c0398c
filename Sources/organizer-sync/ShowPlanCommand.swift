import ArgumentParser
import Foundation
import PlanReview
import SyncApply
import SyncPlanning
import SyncRuns

/// `organizer-sync show-plan FILE`: a saved plan, its seal checked, as text, JSON, Markdown or HTML.
struct ShowPlanCommand: OrganizerSyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-plan",
        abstract: "Show a saved plan: as text, JSON, or Markdown or HTML for a change ticket or pull request.",
        discussion: """
            Checks the plan's seal first and refuses a plan that was altered. When the configuration lists \
            signing.trusted_keys, the plan's signature is checked against them too; without a configuration \
            file the review says the signature was not checked. Nothing is read from the directory or the \
            providers: the document shows exactly what apply would do with this file.

            Exit codes: 0 shown, 7 the plan's seal or signature does not verify, 1 error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The plan file written by plan --out.")
    var planFile: String

    @Option(help: "Output: text, json, markdown or html.")
    var format: PlanFormat = .text

    func execute() async throws -> ExitReason {
        let plan = try SealedPlanFile.read(planFile)
        let signatureCheck: String
        do {
            signatureCheck = try checkSignature(of: plan)
        } catch let error as PlanError {
            printError("error: \(planFile): \(error)")
            return .planRefused
        }
        switch format {
        case .text:
            print(PlanRenderer().render(plan), terminator: "")
            print("Plan \(plan.digest ?? "") (seal verified; signature: \(signatureCheck)).")
        case .json:
            FileHandle.standardOutput.write(try plan.encoded())
        case .markdown, .html:
            let review = PlanReview(plan: plan, sealCheck: "verified", signatureCheck: signatureCheck)
            print(try PlanReviewRenderer().render(review, as: format.review ?? .markdown), terminator: "")
        }
        return .success
    }

    /// What could be checked of the signature.
    ///
    /// A configuration file that exists must load; one that lists
    /// trusted keys must vouch for the signature (a `PlanError` otherwise).
    private func checkSignature(of plan: Plan) throws -> String {
        guard plan.signature != nil else { return "none" }
        guard FileManager.default.fileExists(atPath: global.configFile) else {
            return "not checked (no configuration file)"
        }
        let trust = try PlanSigning.trust(try global.loadConfiguration())
        guard !trust.trustedKeys.isEmpty else { return "not checked (no signing.trusted_keys configured)" }
        let signer = try plan.verifySignature(trusted: trust.trustedKeys)
        return "verified against trusted key \(signer.name)"
    }
}
