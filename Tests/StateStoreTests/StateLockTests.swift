import Foundation
import OrganizerSyncTestSupport
import StateStore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct StateLockTests {
    @Test func aSecondAcquireInTheSameProcessIsRefusedNamingTheHolder() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            let lock = try StateLock.acquire(databasePath: path, command: "organizer-sync apply plan.json")
            #expect(lock.isHeld)
            let error = #expect(throws: StateLockError.self) {
                try StateLock.acquire(databasePath: path, command: "organizer-sync reconcile")
            }
            #expect(error?.code == .held)
            #expect(error?.holder?.pid == getpid())
            #expect(error?.holder?.command == "organizer-sync apply plan.json")
            let since = try #require(error?.holder?.since)
            #expect(
                error?.description
                    == "another organizer-sync (pid \(getpid()), `organizer-sync apply plan.json`, since \(since)) "
                    + "holds the lock on \(path).lock; nothing was done: run again when it has ended"
            )
            lock.release()
            lock.release()  // twice: harmless
            #expect(!lock.isHeld)
            let note = try String(contentsOfFile: path + ".lock", encoding: .utf8)
            #expect(note.isEmpty)
            let again = try StateLock.acquire(databasePath: path, command: "organizer-sync reconcile")
            again.release()
        }
    }

    @Test func anotherProcessSeesTheLockUntilItIsReleased() async throws {
        let folder = try TemporaryDirectory(prefix: "state-lock")
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("state/organizer-sync.sqlite").path
        let lock = try StateLock.acquire(databasePath: path, command: "organizer-sync apply plan.json")
        let whileHeld = try await runProcess("flock", ["--nonblock", path + ".lock", "true"], timeout: 20)
        #expect(whileHeld.status == 1)
        lock.release()
        let afterRelease = try await runProcess("flock", ["--nonblock", path + ".lock", "true"], timeout: 20)
        #expect(afterRelease.status == 0)
    }

    @Test func droppingTheLastReferenceReleasesTheLock() throws {
        try StateStoreFixtures.withDatabasePath { path, _ in
            do {
                let lock = try StateLock.acquire(databasePath: path, command: "organizer-sync apply plan.json")
                #expect(lock.isHeld)
            }
            let lock = try StateLock.acquire(databasePath: path, command: "organizer-sync apply plan.json")
            lock.release()
        }
    }

    /// A child process takes the lock with util-linux `flock` and writes a holder note as organizer-sync would;
    /// acquiring fails naming its pid; after `kill -9` of the child the lock is free again, with no clean-up.
    @Test(.timeLimit(.minutes(1))) func aLockHeldByAProcessKilledWithSIGKILLIsFreeAgain() async throws {
        let folder = try TemporaryDirectory(prefix: "state-lock")
        defer { folder.remove() }
        let database = folder.url.appendingPathComponent("state.sqlite").path
        let lockFile = database + ".lock"
        let pidFile = folder.url.appendingPathComponent("pids").path
        // -o: flock itself holds the lock, the command it runs does not; $PPID is flock's pid.
        let script = """
            printf 'pid=%s\\nsince=2026-01-02T03:04:05Z\\ncommand=organizer-sync apply plan.json\\n' "$PPID" > "$1"
            echo "$PPID $$" > "$2.tmp" && mv "$2.tmp" "$2"
            exec sleep 30
            """
        let child = Task {
            try await runProcess("flock", ["-o", lockFile, "sh", "-c", script, "sh", lockFile, pidFile], timeout: 50)
        }
        var pids: [Int32] = []
        for _ in 0..<1_000 where pids.count != 2 {
            try await Task.sleep(for: .milliseconds(10))
            let text = (try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? ""
            pids = text.split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
        }
        try #require(pids.count == 2, "the flock child did not start")
        let (holderPID, sleepPID) = (pids[0], pids[1])

        let error = #expect(throws: StateLockError.self) {
            try StateLock.acquire(databasePath: database, command: "organizer-sync reconcile")
        }
        #expect(error?.code == .held)
        #expect(error?.holder?.pid == holderPID)
        #expect(
            error?.description
                == "another organizer-sync (pid \(holderPID), `organizer-sync apply plan.json`, since "
                + "2026-01-02T03:04:05Z) holds the lock on \(lockFile); nothing was done: run again when it has ended"
        )

        #expect(kill(holderPID, SIGKILL) == 0)
        let result = try await child.value
        #expect(result.status == 128 + SIGKILL)
        _ = kill(sleepPID, SIGKILL)

        let lock = try StateLock.acquire(databasePath: database, command: "organizer-sync reconcile")
        #expect(lock.isHeld)
        lock.release()
    }

    @Test func aLockHeldByAProcessThatWroteNoNoteIsStillRefused() throws {
        try StateStoreFixtures.withDatabasePath("state.sqlite") { path, _ in
            try Data().write(to: URL(fileURLWithPath: path + ".lock"))
            let fd = open(path + ".lock", O_RDWR)
            #expect(fd >= 0)
            defer { close(fd) }
            #expect(flock(fd, LOCK_EX) == 0)
            let error = #expect(throws: StateLockError.self) {
                try StateLock.acquire(databasePath: path, command: "organizer-sync apply plan.json")
            }
            #expect(
                error?.description
                    == "another process holds the lock on \(path).lock; nothing was done: run again when it has ended"
            )
        }
    }
}
