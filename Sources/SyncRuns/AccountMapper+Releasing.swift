public import AccountMapping
public import OrganizerSyncCore

extension AccountMapper {
    /// Maps `snapshot` as ``AccountMapper/map(_:)`` does, a slice of users at a time, and releases each
    /// user's attributes and groups once the slice is mapped.
    ///
    /// For the last target of a `plan`: the snapshot and the mapped users are then never held whole together
    /// (a million of each are 1.9 GB and 0.4 GB). Each user is mapped on its own against the groups, so the
    /// slices' results joined in order are the single call's: the accounts and the users' problems in snapshot
    /// order, the groups the mapping names that the directory lacks once, at the start (every slice reports
    /// them; all but the first slice's are dropped), and the out-of-scope counts summed. Equal scope reasons,
    /// licence lists, licence rules and extra fields share one copy (``StorageInterner``). Afterwards
    /// `snapshot` keeps each user's anchor, DN, login, email and state, and no attributes or groups.
    /// - Parameters:
    ///   - snapshot: the directory as read; its users are stripped.
    ///   - sliceSize: users per slice.
    /// - Returns: the mapping of the whole snapshot.
    public func mapReleasing(_ snapshot: inout DirectorySnapshot, sliceSize: Int = 65_536) -> MappingResult {
        let size = max(1, sliceSize)
        var result: MappingResult?
        let released = DirectoryAttributes([:])
        var interner = StorageInterner()
        var start = 0
        repeat {
            let end = min(start + size, snapshot.users.count)
            let slice = DirectorySnapshot(
                users: Array(snapshot.users[start..<end]),
                groups: snapshot.groups,
                warnings: []
            )
            var mapped = map(slice)
            // Scope reasons, licence lists and rules and extra fields repeat from user to user: one copy each.
            for index in mapped.accounts.indices {
                mapped.accounts[index].scopeReasons = interner.shared(mapped.accounts[index].scopeReasons)
                mapped.accounts[index].licenceRule = interner.shared(mapped.accounts[index].licenceRule)
                mapped.accounts[index].fields.licences = interner.shared(mapped.accounts[index].fields.licences)
                mapped.accounts[index].fields.fields = interner.shared(mapped.accounts[index].fields.fields)
            }
            if var joined = result {
                result = nil  // so that `joined` is the only reference and grows in place
                joined.accounts += mapped.accounts
                joined.problems += mapped.problems.filter { $0.code != .unknownGroup }
                joined.outOfScopeCount += mapped.outOfScopeCount
                result = joined
            } else {
                result = mapped
            }
            for index in start..<end {
                let user = snapshot.users[index]
                snapshot.users[index] = DirectoryUser(
                    anchor: user.anchor,
                    dn: user.dn,
                    username: user.username,
                    email: user.email,
                    isEnabled: user.isEnabled,
                    attributes: released
                )
            }
            start = end
        } while start < snapshot.users.count
        // `repeat` ran at least once, so there is a result (for an empty snapshot, the empty slice's).
        return result ?? map(snapshot)
    }
}
