import ArgumentParser

/// `organizer-sync audit`: prove, read and export the hash-chained audit log that apply and reconcile write.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify, show and export the tamper-evident audit log.",
        discussion: """
            The audit log (state.audit_log in the configuration, or --log) is JSON Lines: one record per line, \
            each carrying the SHA-256 of the line before it. verify proves the chain and names the first line that \
            was edited, removed, reordered, inserted or torn; show and export read the records (also from a log \
            that does not verify, with a warning).
            """,
        subcommands: [Verify.self, Show.self, Export.self, Report.self, AcceptBreak.self]
    )
}
