import ArgumentParser

/// The `organizer-sync` command: wiring only; the work is done by the libraries.
@main
struct OrganizerSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organizer-sync",
        abstract: "Keeps GoToMeeting, Zoom and Webex organizer accounts in line with LDAP or Active Directory.",
        discussion: """
            Exit codes: 0 success (nothing to do), 1 error (configuration, directory or provider),             64 usage error.
            """,
        version: "0.1.0",
        subcommands: [ValidateCommand.self, DirectoryCommand.self, AccountsCommand.self]
    )
}
