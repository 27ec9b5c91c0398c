import ArgumentParser
import Foundation
import OrganizerSyncCore
import SyncPlanning
import SyncRuns

/// `organizer-sync approve PLAN`: a reviewer adds their signature, name and reason to a saved plan.
struct ApproveCommand: OrganizerSyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Approve a saved plan with your own key (four-eyes review for apply.require_approvals).",
        discussion: """
            Checks the plan's seal, then adds an Ed25519 signature over its digest, your name, your reason and \
            the time. The approval sits in the plan file outside the sealed content, so the plan maker's \
            signature stays valid. apply counts approvals from distinct keys listed in apply.reviewers and \
            records who approved, and why, in the audit log. Read the plan (organizer-sync plan shows it) before \
            you approve it.

            Exit codes: 0 approved, 7 the plan's seal does not verify, 1 error.
            """
    )

    @Argument(help: "The plan file written by plan --out; the approval is added to it.")
    var planFile: String

    @Option(name: .customLong("key-file"), help: "Your private key (organizer-sync keygen); mode 0600.")
    var keyFile: String

    @Option(help: "Your name, as the audit log should show it.")
    var name: String

    @Option(help: "Why you approve (one line).")
    var reason: String

    func execute() async throws -> ExitReason {
        let plan = try SealedPlanFile.read(planFile)
        let key = try PlanSigningKey(base64: try SecretReference.file(keyFile).resolve().value)
        let approved = try plan.approved(with: key, name: name, reason: reason, at: Date())
        try RunKeeper.writeAtomically(try approved.encoded(), to: planFile)
        print(
            "Approved plan \(plan.digest ?? "") as \(name) (\(key.fingerprint)); "
                + "\(approved.approvals?.count ?? 0) approval(s) in the file."
        )
        return .success
    }
}
