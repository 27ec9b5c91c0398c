import ArgumentParser
import Foundation
import Testing

@testable import organizer_sync

/// `--help` of every command, compared with the text committed in `Snapshots/`.
///
/// When a help text changes on purpose, write the new snapshots with
/// `UPDATE_SNAPSHOTS=1 swift test --filter HelpSnapshotTests` and commit them with the change.
@Suite struct HelpSnapshotTests {
    static let commands: [(name: String, command: any ParsableCommand.Type)] = [
        ("organizer-sync", OrganizerSync.self),
        ("validate", ValidateCommand.self),
        ("directory", DirectoryCommand.self),
        ("accounts", AccountsCommand.self),
        ("plan", PlanCommand.self),
        ("show-plan", ShowPlanCommand.self),
        ("explain", ExplainCommand.self),
        ("apply", ApplyCommand.self),
        ("reconcile", ReconcileCommand.self),
        ("audit", AuditCommand.self),
        ("audit-verify", AuditCommand.Verify.self),
        ("audit-show", AuditCommand.Show.self),
        ("audit-export", AuditCommand.Export.self),
        ("init", InitCommand.self),
        ("schema", SchemaCommand.self),
    ]

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    @Test(arguments: commands.map(\.name))
    func helpMatchesItsSnapshot(name: String) throws {
        let command = try #require(Self.commands.first { $0.name == name }).command
        let help = OrganizerSync.helpMessage(for: command, columns: 100) + "\n"
        let file = Self.folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try Data(help.utf8).write(to: file)
        }
        let expected = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        #expect(
            help == expected,
            """
            organizer-sync \(name) --help differs from \(file.path). If the change is intended, run \
            UPDATE_SNAPSHOTS=1 swift test --filter HelpSnapshotTests and commit the snapshot.
            """
        )
    }
}
