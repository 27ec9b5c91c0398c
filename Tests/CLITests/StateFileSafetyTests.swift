import Foundation
import OrganizerSyncTestSupport
import ProviderSimulator
import Testing

/// State files that someone else could redirect or rewrite are refused before anything is changed, each with a
/// message that says what to fix.
@Suite("organizer-sync state files: links and permissions")
struct StateFileSafetyTests {
    @Test("A symlinked lock, state store or audit log, and a world-writable state store or folder, are refused")
    func unsafeStateIsRefused() async throws {
        try await ApplyFixture.with(targets: [.standard(.zoom)], seed: ApplyCommandTests.lifecycleSeed(.zoom)) {
            world in
            let first = try await world.plan()
            try #require(try await world.run(["apply", first.file]).status == 0)
            let made = try await world.plan("second.json")
            let manager = FileManager.default
            let victim = world.folder.appendingPathComponent("victim.txt").path
            try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: victim))
            let lock = world.database + ".lock"

            func expectRefused(_ what: String, _ message: String) async throws {
                let before = await world.accounts(.zoom)
                let result = try await world.run(["apply", made.file])
                #expect(result.status == 1, "\(what): \(result)")
                #expect(result.stderr.contains(message), "\(what): \(result.stderr)")
                #expect(await world.accounts(.zoom) == before, "\(what): nothing changed")
                #expect(
                    try String(contentsOfFile: victim, encoding: .utf8) == "keep me\n",
                    "\(what): the target is intact"
                )
            }

            // A link planted at the lock's path: its target must not be truncated or written.
            try manager.removeItem(atPath: lock)
            try manager.createSymbolicLink(atPath: lock, withDestinationPath: victim)
            try await expectRefused("symlinked lock", "is a symbolic link")
            try manager.removeItem(atPath: lock)

            for file in [world.database, world.auditLog] {
                let moved = file + ".real"
                try manager.moveItem(atPath: file, toPath: moved)
                try manager.createSymbolicLink(atPath: file, withDestinationPath: moved)
                try await expectRefused("symlinked \(file)", "is a symbolic link")
                try manager.removeItem(atPath: file)
                try manager.moveItem(atPath: moved, toPath: file)
            }

            try manager.setAttributes([.posixPermissions: 0o666], ofItemAtPath: world.database)
            try await expectRefused("world-writable store", "run chmod go-w \(world.database)")
            try manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: world.database)

            try manager.setAttributes([.posixPermissions: 0o777], ofItemAtPath: world.stateFolder.path)
            try await expectRefused("world-writable folder", "run chmod go-w \(world.stateFolder.path)")
            try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: world.stateFolder.path)

            let applied = try await world.run(["apply", made.file])
            #expect(applied.status == 0 || applied.status == 2 || applied.status == 6, "restored: \(applied)")
        }
    }
}
