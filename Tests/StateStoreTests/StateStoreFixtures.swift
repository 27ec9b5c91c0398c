import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Folders and values for the state store tests.
enum StateStoreFixtures {
    /// A fresh private folder; `body` gets the path of a database file inside it (not created yet).
    static func withDatabasePath<T>(
        _ name: String = "state/organizer-sync.sqlite",
        _ body: (String, TemporaryDirectory) throws -> T
    ) throws -> T {
        let folder = try TemporaryDirectory(prefix: "state-store")
        defer { folder.remove() }
        return try body(folder.url.appendingPathComponent(name).path, folder)
    }

    /// An account numbered `index`.
    static func account(
        _ index: Int,
        providerID: String? = nil,
        suspendedAt: Double? = nil,
        licences: [String] = []
    ) -> SyncState.ManagedAccount {
        SyncState.ManagedAccount(
            anchor: "anchor-\(index)",
            providerID: providerID ?? "provider-\(index)",
            email: "user\(index)@example.com",
            suspendedAt: suspendedAt,
            suspendedLicences: licences
        )
    }

    /// The permission bits of `path` (`0o600`).
    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }
}
