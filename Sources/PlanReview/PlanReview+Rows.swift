import Foundation
import OrganizerSyncCore
import SyncPlanning

/// Turning the plan's parts into rows of text.
extension PlanReview {
    static let kinds: [(ActionKind, String)] = [
        (.create, "Creates"), (.update, "Updates"), (.reactivate, "Reactivations"), (.suspend, "Suspensions"),
        (.delete, "Deletions"), (.withdrawInvitation, "Invitations withdrawn"),
    ]

    static func figures(_ plan: Plan) -> [Figure] {
        func total(_ count: (TargetPlan) -> Int) -> Int { plan.targets.reduce(0) { $0 + count($1) } }
        return kinds.map { kind, label in
            Figure(key: kind.rawValue, label: label, value: total { $0.summary.count(of: kind) })
        } + [
            Figure(key: "conflicts", label: "Conflicts", value: total(\.conflicts.count)),
            Figure(key: "protected", label: "Protected", value: total(\.protected.count)),
            Figure(key: "unmanaged", label: "Unmanaged", value: total(\.unmanaged.count)),
            Figure(key: "deferred", label: "Grace periods", value: total(\.deferredDeletions.count)),
            Figure(key: "gates", label: "Gates tripped", value: total(\.gates.count)),
        ]
    }

    static func targetRow(_ target: TargetPlan) -> TargetRow {
        TargetRow(
            name: target.target,
            provider: target.provider.rawValue,
            inScope: target.inScopeCount,
            accounts: target.accountCount,
            create: target.summary.create,
            update: target.summary.update,
            reactivate: target.summary.reactivate,
            suspend: target.summary.suspend,
            delete: target.summary.delete,
            conflicts: target.conflicts.count,
            protected: target.protected.count,
            unmanaged: target.unmanaged.count,
            isBlocked: target.isBlocked
        )
    }

    static func actions(_ plan: Plan, _ kind: ActionKind) -> [ActionRow] {
        plan.targets.flatMap { target in
            target.actions.filter { $0.kind == kind }.map {
                ActionRow(
                    target: target.target,
                    email: $0.email,
                    dn: $0.dn ?? "",
                    providerID: $0.precondition.providerID ?? "",
                    status: $0.precondition.status?.rawValue ?? "",
                    reasons: $0.reasons.joined(separator: "; "),
                    fields: $0.kind == .create ? fields($0.fields) : []
                )
            }
        }
    }

    static func fields(_ fields: AccountFields?) -> [Field] {
        guard let fields else { return [] }
        var rows: [Field] = []
        func add(_ name: String, _ value: String?) {
            if let value { rows.append(Field(field: name, value: value)) }
        }
        add("display name", fields.displayName)
        add("first name", fields.firstName)
        add("last name", fields.lastName)
        add("licences", fields.licences?.joined(separator: ", "))
        add("user type", fields.userType)
        for key in fields.fields.keys.sorted() { add(key, fields.fields[key]) }
        return rows
    }

    static func changeRows(_ target: TargetPlan) -> [ChangeRow] {
        target.actions.filter { $0.kind == .update }.flatMap { action in
            action.changes.map {
                ChangeRow(
                    target: target.target,
                    email: action.email,
                    field: $0.field,
                    before: $0.before ?? "(none)",
                    after: $0.after ?? "(none)",
                    reasons: action.reasons.joined(separator: "; ")
                )
            }
        }
    }

    static func skippedRows(_ target: TargetPlan) -> [SkippedRow] {
        let protected = target.protected.map {
            SkippedRow(
                target: target.target,
                email: $0.email,
                why: "protected (\($0.protectedBy))",
                detail: "\($0.withheld.rawValue) withheld; " + $0.reasons.joined(separator: "; ")
            )
        }
        let unmanaged = target.unmanaged.filter { $0.disposition == .leave }.map {
            SkippedRow(
                target: target.target,
                email: $0.email,
                why: "unmanaged",
                detail: "\($0.status.rawValue); policy: leave"
            )
        }
        let deferred = target.deferredDeletions.map {
            SkippedRow(
                target: target.target,
                email: $0.email,
                why: "suspended, grace period running",
                detail: "suspended \(timestamp($0.suspendedAt)); deletion due \(timestamp($0.deleteAfter))"
            )
        }
        return protected + deferred + unmanaged
    }

    static func timestamp(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "unknown" }
        return Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }
}
