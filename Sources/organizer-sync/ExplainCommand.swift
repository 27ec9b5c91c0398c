import AccountMapping
import ArgumentParser
import Foundation
import Logging
import OrganizerSyncCore
import SyncPlanning
import SyncRuns

/// `organizer-sync explain USER`: every decision about one directory user (or one account) at each target.
struct ExplainCommand: OrganizerSyncCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show every decision about one user: scope rules, mapped values, the account matched, the action.",
        discussion: """
            USER is a directory user's anchor, DN, login name or email; an email that only a provider account \
            has explains that account. Exits 0 when the user or account is found, 1 otherwise or on any error.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The user: anchor, DN, login name or email address.")
    var user: String

    @Option(help: "Explain this target only; default: every target.")
    var target: String?

    @Option(help: "Output: text or json.")
    var format: ReportFormat = .text

    func execute() async throws -> ExitReason {
        let (logger, configuration) = try global.loggerAndConfiguration()
        let names = target.map { [$0] } ?? []
        let run = try await ListingInterruption.run("explain", logger: logger) {
            try await PlanningRun.run(configuration: configuration, names: names, logger: logger)
        }
        let found = run.snapshot.users(matching: user)
        guard found.count <= 1 else {
            throw CommandError(
                .ambiguousUser,
                "'\(user)' names \(found.count) directory users; give the anchor or the DN instead"
            )
        }
        let explanations = run.targets.map { TargetExplanation(found.first, query: user, in: $0, run: run) }
        guard found.first != nil || explanations.contains(where: { $0.account != nil }) else {
            throw CommandError(.noSuchUser, "no directory user or account matches '\(user)'")
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(explanations), as: UTF8.self))
        case .text:
            print(explanations.map { $0.text() }.joined(separator: "\n"), terminator: "")
        }
        return .success
    }
}
