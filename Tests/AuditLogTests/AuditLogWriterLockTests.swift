import AuditLog
import Foundation
import OrganizerSyncTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Audit log writer lock")
struct AuditLogWriterLockTests {
    /// A copy of the writer's descriptor stands for a child that another thread forked and that has not exec'd
    /// yet: it shares the writer's open file description, and with it the `flock`.
    @Test("Closing the writer releases its lock even while a copy of its descriptor is still open")
    func closeReleasesSharedLock() throws {
        try AuditLogFixtures.withLogPath { path throws in
            let first = try AuditLogWriter.open(path: path, run: "r1")
            let copy = try #require(Self.descriptors(of: path).first.map { dup($0) })
            #expect(copy >= 0)
            defer { close(copy) }
            first.close()
            let second = try AuditLogWriter.open(path: path, run: "r2")
            second.close()
        }
    }

    @Test("A writer freed without close() releases its lock too, even while a copy of its descriptor is open")
    func deinitReleasesSharedLock() throws {
        try AuditLogFixtures.withLogPath { path throws in
            var copy: Int32 = -1
            do {
                let first = try AuditLogWriter.open(path: path, run: "r1")
                copy = try #require(Self.descriptors(of: path).first.map { dup($0) })
                _ = first.run
            }
            #expect(copy >= 0)
            defer { close(copy) }
            let second = try AuditLogWriter.open(path: path, run: "r2")
            second.close()
        }
    }

    /// This process's descriptors open on `path` (read from `/proc/self/fd`).
    private static func descriptors(of path: String) throws -> [Int32] {
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let names = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        return names.compactMap { name in
            guard let fd = Int32(name),
                let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(name)"),
                link == target
            else { return nil }
            return fd
        }
    }
}
