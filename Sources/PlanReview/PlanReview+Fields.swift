public import Reports

/// The fields each part of the review shows, by name: templates read them without reflection (see
/// ``Reports/ReportFields``).
extension PlanReview: ReportFields {
    public func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "subtitle": self.subtitle
        case "footer": self.footer
        case "digest": self.digest
        case "sealCheck": self.sealCheck
        case "configDigest": self.configDigest
        case "createdAt": self.createdAt
        case "toolVersion": self.toolVersion
        case "isBlocked": self.isBlocked
        case "hasChanges": self.hasChanges
        case "signature": self.signature
        case "approvals": self.approvals
        case "figures": self.figures
        case "targets": self.targets
        case "directoryWarnings": self.directoryWarnings
        case "creates": self.creates
        case "updates": self.updates
        case "laterActions": self.laterActions
        case "gates": self.gates
        case "conflicts": self.conflicts
        case "skipped": self.skipped
        default: nil
        }
    }
}

extension PlanReview.Figure: ReportFields {
    public func child(named name: String) -> Any? {
        switch name {
        case "key": self.key
        case "label": self.label
        case "value": self.value
        default: nil
        }
    }
}

extension PlanReview.TargetRow: ReportFields {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "provider": self.provider
        case "inScope": self.inScope
        case "accounts": self.accounts
        case "create": self.create
        case "update": self.update
        case "reactivate": self.reactivate
        case "suspend": self.suspend
        case "delete": self.delete
        case "conflicts": self.conflicts
        case "protected": self.protected
        case "unmanaged": self.unmanaged
        case "isBlocked": self.isBlocked
        default: nil
        }
    }
}

extension PlanReview.Field: ReportFields {
    public func child(named name: String) -> Any? {
        switch name {
        case "field": self.field
        case "value": self.value
        default: nil
        }
    }
}

extension PlanReview.ActionRow: ReportFields {
    public func child(named name: String) -> Any? {
        switch name {
        case "target": self.target
        case "email": self.email
        case "dn": self.dn
        case "providerID": self.providerID
        case "status": self.status
        case "reasons": self.reasons
        case "fields": self.fields
        default: nil
        }
    }
}

extension PlanReview.ChangeRow: ReportFields {
    public func child(named name: String) -> Any? {
        switch name {
        case "target": self.target
        case "email": self.email
        case "field": self.field
        case "before": self.before
        case "after": self.after
        case "reasons": self.reasons
        default: nil
        }
    }
}

extension PlanReview.GateRow: ReportFields {
    public func child(named name: String) -> Any? {
        switch name {
        case "target": self.target
        case "name": self.name
        case "summary": self.summary
        case "blocks": self.blocks
        default: nil
        }
    }
}

extension PlanReview.ConflictRow: ReportFields {
    public func child(named name: String) -> Any? {
        switch name {
        case "target": self.target
        case "kind": self.kind
        case "anchors": self.anchors
        case "emails": self.emails
        case "providerIDs": self.providerIDs
        default: nil
        }
    }
}

extension PlanReview.SkippedRow: ReportFields {
    public func child(named name: String) -> Any? {
        switch name {
        case "target": self.target
        case "email": self.email
        case "why": self.why
        case "detail": self.detail
        default: nil
        }
    }
}

extension PlanReview.Section: ReportFields {
    public func child(named name: String) -> Any? {
        switch name {
        case "id": self.id
        case "heading": self.heading
        case "rows": self.rows
        case "count": self.count
        case "hasRows": self.hasRows
        case "withFields": self.withFields
        default: nil
        }
    }
}

extension PlanReview.Approval: ReportFields {
    public func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "reason": self.reason
        case "approvedAt": self.approvedAt
        case "keyFingerprint": self.keyFingerprint
        default: nil
        }
    }
}

extension PlanReview.Signature: ReportFields {
    public func child(named name: String) -> Any? {
        switch name {
        case "keyName": self.keyName
        case "keyFingerprint": self.keyFingerprint
        case "check": self.check
        default: nil
        }
    }
}
