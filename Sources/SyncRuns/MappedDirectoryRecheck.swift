import AccountMapping
import LDAPDirectory
import Logging
import OrganizerSyncCore
import SyncApply
import SyncConfiguration

/// `apply`'s fresh look at the directory for one target: the plan's anchors read again (nothing else) and mapped
/// with the target's mapping, so a user disabled, moved out of scope or given another email since the plan gets no
/// account.
struct MappedDirectoryRecheck: DirectoryRecheck {
    let reader: DirectoryReader
    let mapper: AccountMapper

    /// The recheck of each target, by name, with the configuration's directory and each target's mapping.
    static func make(
        _ configuration: Configuration,
        targets: [TargetConfiguration],
        logger: Logger
    ) throws -> [String: MappedDirectoryRecheck] {
        let mappings = try TargetMappings(configuration: configuration)
        let reader = DirectoryReader(configuration: configuration.directory, logger: logger)
        var result: [String: MappedDirectoryRecheck] = [:]
        for target in targets {
            result[target.name] = MappedDirectoryRecheck(
                reader: reader,
                mapper: AccountMapper(mapping: try mappings.mapping(for: target))
            )
        }
        return result
    }

    func standing(of anchors: [String]) async throws -> [String: DirectoryStanding] {
        let snapshot = try await reader.read(anchors: anchors)
        let mapped = Dictionary(
            mapper.map(snapshot).accounts.map { ($0.anchor, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        let wanted = Set(anchors)
        var result: [String: DirectoryStanding] = [:]
        for user in snapshot.users where wanted.contains(user.anchor) {
            let desired = mapped[user.anchor]
            result[user.anchor] = DirectoryStanding(
                directoryEmail: user.email,
                mappedEmail: desired?.fields.email,
                isEnabled: user.isEnabled && desired?.isEnabled != false,
                isInScope: desired != nil
            )
        }
        return result
    }
}
