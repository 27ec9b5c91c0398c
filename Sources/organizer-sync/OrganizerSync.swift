import ArgumentParser

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
              64  usage error
            """,
        version: "0.1.0",
        subcommands: [
            ValidateCommand.self, DirectoryCommand.self, AccountsCommand.self, PlanCommand.self, ExplainCommand.self,
        ]
    )
}
