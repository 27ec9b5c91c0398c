import ArgumentParser
import AuditLog
import Logging
import OrganizerSyncCore
import Testing

@testable import organizer_sync

/// The command line, parsed in process: every subcommand, its options and their spellings.
@Suite struct ArgumentParsingTests {
    func parse<Command: ParsableCommand>(_ arguments: [String], as type: Command.Type) throws -> Command {
        let parsed = try OrganizerSync.parseAsRoot(arguments)
        return try #require(parsed as? Command, "\(arguments) parsed as \(Swift.type(of: parsed))")
    }

    @Test(arguments: [["--out", "p.json"], ["-o", "p.json"], ["-out", "p.json"]])
    func planTakesItsOutputFileInEverySpelling(spelling: [String]) throws {
        let plan = try parse(["plan"] + spelling, as: PlanCommand.self)
        #expect(plan.out == "p.json")
    }

    @Test func planTakesTargetsFormatConfigurationAndLogLevel() throws {
        let plan = try parse(
            [
                "plan", "--target", "zoom", "--target", "goto", "--format", "json", "-c", "c.yaml", "--log-level",
                "info",
            ],
            as: PlanCommand.self
        )
        #expect(plan.targets == ["zoom", "goto"])
        #expect(plan.format == .json)
        #expect(plan.global.configFile == "c.yaml")
        #expect(plan.global.logLevel == .info)
        #expect(plan.out == nil)
    }

    @Test func applyTakesThePlanFileAndOverrides() throws {
        let apply = try parse(
            ["apply", "plan.json", "--override", "threshold.deletes.count", "--override", "guard.empty"],
            as: ApplyCommand.self
        )
        #expect(apply.planFile == "plan.json")
        #expect(apply.changes.overrides == ["threshold.deletes.count", "guard.empty"])
    }

    @Test func reconcileTakesTargetsAndOverrides() throws {
        let reconcile = try parse(["reconcile", "--target", "webex", "--override", "g"], as: ReconcileCommand.self)
        #expect(reconcile.targets == ["webex"])
        #expect(reconcile.changes.overrides == ["g"])
    }

    @Test func explainTakesAUserAndATarget() throws {
        let explain = try parse(["explain", "jdoe", "--target", "zoom", "--format", "json"], as: ExplainCommand.self)
        #expect(explain.user == "jdoe")
        #expect(explain.target == "zoom")
        #expect(explain.format == .json)
    }

    @Test func accountsNeedsATarget() throws {
        let accounts = try parse(["accounts", "--target", "zoom", "--format", "summary"], as: AccountsCommand.self)
        #expect(accounts.target == "zoom")
        #expect(accounts.format == .summary)
        #expect(throws: (any Error).self) { try OrganizerSync.parseAsRoot(["accounts"]) }
    }

    @Test func directoryAndValidateTakeTheirFlags() throws {
        #expect(try parse(["directory", "--format", "json"], as: DirectoryCommand.self).format == .json)
        #expect(try parse(["validate", "--offline"], as: ValidateCommand.self).offline)
        #expect(try !parse(["validate"], as: ValidateCommand.self).offline)
    }

    @Test func auditShowTakesFiltersAndRefusesUnknownValues() throws {
        let show = try parse(
            ["audit", "show", "--log", "a.jsonl", "--action", "create", "--type", "run-end", "--since", "2025-03-01"],
            as: AuditCommand.Show.self
        )
        #expect(show.log.file == "a.jsonl")
        #expect(show.filters.action == [.create])
        #expect(show.filters.type == [.runEnd])
        for bad in [["--action", "explode"], ["--since", "yesterday"], ["--type", "note"]] {
            #expect(throws: (any Error).self, "\(bad)") { try OrganizerSync.parseAsRoot(["audit", "show"] + bad) }
        }
    }

    @Test func auditVerifyAndExportTakeTheirOptions() throws {
        let head = String(repeating: "ab", count: 32)
        let verify = try parse(["audit", "verify", "--expect-head", "12:\(head)"], as: AuditCommand.Verify.self)
        #expect(verify.proof.expectHead?.seq == 12)
        #expect(throws: (any Error).self) { try OrganizerSync.parseAsRoot(["audit", "verify", "--expect-head", "12"]) }
        let export = try parse(["audit", "export", "--format", "csv", "-o", "out.csv"], as: AuditCommand.Export.self)
        #expect(export.format == .csv)
        #expect(export.out == "out.csv")
        #expect(throws: (any Error).self) { try OrganizerSync.parseAsRoot(["audit", "export"]) }
    }
}
