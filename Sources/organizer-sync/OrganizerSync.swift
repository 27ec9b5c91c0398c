import ArgumentParser
import SyncRuns

/// The `organizer-sync` command: wiring only; the work is done by the libraries.
@main
struct OrganizerSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organizer-sync",
        abstract: "Keeps GoToMeeting, Zoom and Webex organizer accounts in line with LDAP or Active Directory.",
        discussion: """
            Exit codes scripts can rely on:
              0   success; for plan: nothing to do
              1   error (configuration, mapping, directory or provider)
              2   plan: changes pending
              3   plan: blocked by a safety gate (a threshold or guard); the plan is still shown and saved
              4   apply/reconcile: another run holds the state store's lock; nothing was done
              5   audit verify: the audit log's chain is broken (a record edited, removed, reordered, inserted or torn)
              6   apply/reconcile: the run finished, but some changes failed or were skipped
              7   apply: the plan was refused (digest, configuration, age or a gate not overridden); nothing was done
              8   apply/reconcile: the state store was refused (missing, empty or older while history exists)
              64  usage error
            """,
        version: ToolVersion.current,
        subcommands: [
            ValidateCommand.self, DirectoryCommand.self, AccountsCommand.self, PlanCommand.self, ExplainCommand.self,
            ApplyCommand.self, ReconcileCommand.self,
            AuditCommand.self, StateCommand.self, ApproveCommand.self, KeygenCommand.self, InitCommand.self, SchemaCommand.self,
            ShowPlanCommand.self,
        ]
    )
}
