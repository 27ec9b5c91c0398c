import OrganizerSyncCore

/// Keeps a snapshot allocated until the process ends.
///
/// The command's process exits right after it returns (see ``OrganizerSyncCommand/run()``), and the
/// system takes back the memory at once; freeing a snapshot of 100,000 users value by value cost about a
/// tenth of the command's CPU time (glibc's `free` and `malloc_consolidate` in a profile). An in-process test
/// keeps its (small) snapshots until the test process ends.
final class SnapshotLifetime: Sendable {
    let snapshot: DirectorySnapshot

    private init(_ snapshot: DirectorySnapshot) {
        self.snapshot = snapshot
    }

    /// Retains `snapshot` once more, never to be released.
    static func keepUntilExit(_ snapshot: DirectorySnapshot) {
        _ = Unmanaged.passRetained(SnapshotLifetime(snapshot))
    }
}
