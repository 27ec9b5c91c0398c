import Foundation
import OrganizerSyncCore
import SyncPlanning

/// Builders for the planner's inputs, with short names so the tables read as tables.
enum Fixture {
    /// The time every plan is made at.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day = 86_400.0

    /// A policy with no thresholds or guards, so that situation tests see every action.
    static let lenient = PlanningPolicy(
        suspendThreshold: .unlimited,
        deleteThreshold: .unlimited,
        guards: PlanningPolicy.Guards(blocksEmptyDirectory: false, minimumInScopeShare: nil)
    )

    static func policy(_ change: (inout PlanningPolicy) -> Void) -> PlanningPolicy {
        var policy = lenient
        change(&policy)
        return policy
    }

    static func user(
        _ anchor: String,
        _ email: String,
        enabled: Bool = true,
        first: String? = nil,
        title: String? = nil,
        licences: [String]? = nil,
        userType: String? = nil,
        licenceRule: String? = nil
    ) -> DesiredAccount {
        DesiredAccount(
            anchor: anchor,
            dn: "uid=\(anchor),ou=people,dc=example,dc=com",
            fields: AccountFields(
                email: email,
                firstName: first,
                licences: licences,
                userType: userType,
                fields: title.map { ["title": $0] } ?? [:]
            ),
            isEnabled: enabled,
            scopeReasons: ["group:hosts"],
            licenceRule: licenceRule
        )
    }

    static func account(
        _ id: String?,
        _ email: String,
        _ status: ProviderAccount.Status = .active,
        first: String? = nil,
        title: String? = nil,
        licences: [String] = [],
        userType: String? = nil,
        roles: [String] = [],
        admin: Bool = false
    ) -> ProviderAccount {
        ProviderAccount(
            id: id,
            email: email,
            firstName: first,
            status: status,
            licences: licences,
            userType: userType,
            roles: roles,
            isAdmin: admin,
            fields: title.map { ["title": $0] } ?? [:]
        )
    }

    static func record(
        _ anchor: String,
        _ id: String?,
        _ email: String,
        suspendedDaysAgo: Double? = nil
    ) -> SyncState.ManagedAccount {
        SyncState.ManagedAccount(
            anchor: anchor,
            providerID: id,
            email: email,
            suspendedAt: suspendedDaysAgo.map { now.timeIntervalSince1970 - $0 * day }
        )
    }
}
