public import OrganizerSyncCore

/// Looking up what a test expects in a directory read, by name, for the OpenLDAP and the Active Directory tests.
extension DirectorySnapshot {
    /// Why a user or group a test names is not in the snapshot.
    public struct Missing: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The user whose username is `username`.
    /// - Throws: ``Missing`` when there is none.
    public func user(_ username: String) throws -> DirectoryUser {
        guard let user = users.first(where: { $0.username == username }) else {
            throw Missing(description: "no user \(username)")
        }
        return user
    }

    /// The group named `name`.
    /// - Throws: ``Missing`` when there is none.
    public func group(_ name: String) throws -> DirectoryGroup {
        guard let group = groups.first(where: { $0.name == name }) else {
            throw Missing(description: "no group \(name)")
        }
        return group
    }

    /// The names of the groups the user `username` is in (transitively), sorted.
    /// - Throws: ``Missing`` when there is no such user.
    public func groupNames(of username: String) throws -> [String] {
        let names = Dictionary(uniqueKeysWithValues: groups.map { ($0.dn, $0.name) })
        return try user(username).groups.compactMap { names[$0] }.sorted()
    }
}
