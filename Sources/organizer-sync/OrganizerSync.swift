import ArgumentParser

/// The `organizer-sync` command: wiring only; the work is done by the libraries.
@main
struct OrganizerSync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organizer-sync",
        abstract: "Keeps GoToMeeting, Zoom and Webex organizer accounts in line with LDAP or Active Directory.",
        version: "0.1.0",
        subcommands: []
    )
}
