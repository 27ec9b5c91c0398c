import OrganizerSyncCore

/// The plan and its parts, written by hand in the member order `JSONEncoder` uses with `.sortedKeys`
/// (keys sorted by their UTF-8 bytes), with `nil` members left out as the synthesized `Codable` does.
///
/// Every stored property of these types must be written here: `PlanWritingTests` compares the output with
/// `JSONEncoder`'s for a plan in which every optional is set and every array holds something, and fails when a
/// type gains a property that sample leaves unset.
extension CanonicalWriter {
    mutating func write(_ plan: Plan) {
        beginObject()
        if let approvals = plan.approvals {
            member("approvals", objects: approvals) { $0.write($1) }
        }
        member("configDigest", plan.configDigest)
        member("createdAt", plan.createdAt)
        member("digest", plan.digest)
        member("directoryWarnings", plan.directoryWarnings)
        member("formatVersion", plan.formatVersion)
        member("isBlocked", plan.isBlocked)
        member("madeBy", plan.madeBy)
        member("reason", plan.reason)
        if let signature = plan.signature {
            member("signature") { $0.write(signature) }
        }
        member("targets", objects: plan.targets) { $0.write($1) }
        member("ticket", plan.ticket)
        member("toolVersion", plan.toolVersion)
        endObject()
    }

    private mutating func write(_ approval: PlanApproval) {
        member("approvedAt", approval.approvedAt)
        member("keyFingerprint", approval.keyFingerprint)
        member("name", approval.name)
        member("reason", approval.reason)
        member("signature", approval.signature)
    }

    private mutating func write(_ signature: PlanSignature) {
        member("algorithm", signature.algorithm)
        member("keyFingerprint", signature.keyFingerprint)
        member("keyName", signature.keyName)
        member("signature", signature.signature)
    }

    private mutating func write(_ target: TargetPlan) {
        member("accountCount", target.accountCount)
        member("actions", objects: target.actions) { $0.write($1) }
        member("conflicts", objects: target.conflicts) { $0.write($1) }
        member("deferredDeletions", objects: target.deferredDeletions) { $0.write($1) }
        member("directoryDigest", target.directoryDigest)
        member("gates", objects: target.gates) { $0.write($1) }
        member("inScopeCount", target.inScopeCount)
        member("links", objects: target.links) { $0.write($1) }
        member("protected", objects: target.protected) { $0.write($1) }
        member("provider", target.provider.rawValue)
        member("providerDigest", target.providerDigest)
        if let skipped = target.skipped {
            member("skipped", objects: skipped) { $0.write($1) }
        }
        member("stateDigest", target.stateDigest)
        member("summary") { $0.write(target.summary) }
        member("target", target.target)
        member("unmanaged", objects: target.unmanaged) { $0.write($1) }
    }

    private mutating func write(_ action: PlannedAction) {
        member("anchor", action.anchor)
        member("changes", objects: action.changes) { $0.write($1) }
        member("dn", action.dn)
        member("email", action.email)
        if let fields = action.fields {
            member("fields") { $0.write(fields) }
        }
        member("kind", action.kind.rawValue)
        member("precondition") { $0.write(action.precondition) }
        member("reasons", action.reasons)
    }

    private mutating func write(_ fields: AccountFields) {
        member("displayName", fields.displayName)
        member("email", fields.email)
        member("fields", fields.fields)
        member("firstName", fields.firstName)
        member("lastName", fields.lastName)
        member("licences", fields.licences)
        member("userType", fields.userType)
    }

    private mutating func write(_ precondition: AccountPrecondition) {
        member("accountDigest", precondition.accountDigest)
        member("email", precondition.email)
        member("exists", precondition.exists)
        member("providerID", precondition.providerID)
        member("status", precondition.status?.rawValue)
    }

    private mutating func write(_ change: FieldChange) {
        member("after", change.after)
        member("before", change.before)
        member("field", change.field)
    }

    private mutating func write(_ conflict: PlanConflict) {
        member("anchors", conflict.anchors)
        member("emails", conflict.emails)
        member("kind", conflict.kind.rawValue)
        member("providerIDs", conflict.providerIDs)
        if let users = conflict.users {
            member("users", objects: users) { $0.write($1) }
        }
    }

    private mutating func write(_ deferred: DeferredDeletion) {
        member("anchor", deferred.anchor)
        member("deleteAfter", deferred.deleteAfter)
        member("email", deferred.email)
        member("providerID", deferred.providerID)
        member("suspendedAt", deferred.suspendedAt)
    }

    private mutating func write(_ gate: BlockedGate) {
        member("base", gate.base)
        member("blocks", gate.blocks.map(\.rawValue))
        member("limit", gate.limit)
        member("name", gate.name)
        member("observed", gate.observed)
    }

    private mutating func write(_ link: AccountLink) {
        member("anchor", link.anchor)
        member("email", link.email)
        member("providerID", link.providerID)
        member("recordsSuspension", link.recordsSuspension)
    }

    private mutating func write(_ report: ProtectedAccountReport) {
        member("anchor", report.anchor)
        member("email", report.email)
        member("protectedBy", report.protectedBy)
        member("providerID", report.providerID)
        member("reasons", report.reasons)
        member("status", report.status.rawValue)
        member("withheld", report.withheld.rawValue)
    }

    private mutating func write(_ user: PlanUser) {
        member("anchor", user.anchor)
        member("dn", user.dn)
        member("login", user.login)
        member("message", user.message)
        member("reason", user.reason)
    }

    private mutating func write(_ summary: PlanSummary) {
        member("conflicts", summary.conflicts)
        member("create", summary.create)
        member("delete", summary.delete)
        member("protected", summary.protected)
        member("reactivate", summary.reactivate)
        member("suspend", summary.suspend)
        member("unmanaged", summary.unmanaged)
        member("update", summary.update)
        if summary.withdrawInvitation != 0 { member("withdrawInvitation", summary.withdrawInvitation) }
    }

    private mutating func write(_ report: UnmanagedAccountReport) {
        member("disposition", report.disposition.rawValue)
        member("email", report.email)
        member("providerID", report.providerID)
        member("status", report.status.rawValue)
    }
}
