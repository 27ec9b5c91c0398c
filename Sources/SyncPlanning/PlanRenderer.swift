import OrganizerSyncCore

/// Renders a plan as the human summary `organizer-sync plan` prints, in the manner of Terraform's plan.
///
/// ```
/// Target zoom-main (zoom): 1 to create, 1 to update, 0 to reactivate, 1 to suspend, 0 to delete
///   + create alice@example.com
///       in scope: group:meeting-hosts
///   ~ update bob@example.com
///       title: "Engineer" -> "Senior Engineer"
///       field title changed
/// ```
public struct PlanRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The summary of every target, then a final line.
    /// - Parameter plan: the plan.
    /// - Returns: the text, ending with a newline.
    public func render(_ plan: Plan) -> String {
        var lines: [String] = []
        for warning in plan.directoryWarnings ?? [] { lines.append("Directory: \(warning)") }
        if plan.directoryWarnings != nil { lines.append("") }
        for target in plan.targets { lines += render(target) + [""] }
        if !plan.hasChanges {
            lines.append("No changes. The accounts match the directory.")
        } else if plan.isBlocked {
            lines.append("Plan is BLOCKED by a safety gate: apply will refuse it.")
        } else {
            lines.append("Plan made \(plan.createdAt) by organizer-sync \(plan.toolVersion).")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The lines of one target.
    /// - Parameter target: the target plan.
    /// - Returns: the lines, without newlines.
    public func render(_ target: TargetPlan) -> [String] {
        var kinds = [ActionKind.create, .update, .reactivate, .suspend, .delete]
        if target.summary.withdrawInvitation > 0 { kinds.append(.withdrawInvitation) }
        let counts = kinds.map { "\(target.summary.count(of: $0)) to \($0)" }.joined(separator: ", ")
        var lines = ["Target \(target.target) (\(target.provider)): \(counts)"]
        for gate in target.gates {
            lines.append("  BLOCKED \(gate.summary)")
        }
        for action in target.actions {
            lines.append("  \(PlanRenderer.symbol(action.kind)) \(action.kind) \(action.email)")
            for change in action.changes {
                let before = PlanRenderer.quoted(change.before)
                let after = PlanRenderer.quoted(change.after)
                lines.append("      \(change.field): \(before) -> \(after)")
            }
            for reason in action.reasons { lines.append("      \(reason)") }
        }
        for conflict in target.conflicts {
            let who = (conflict.anchors + conflict.emails).joined(separator: ", ")
            lines.append("  ! conflict (\(conflict.kind)), left alone: \(who)")
            for user in conflict.users ?? [] { lines.append("      \(user.label)") }
        }
        for user in target.skipped ?? [] {
            lines.append("  ? skipped, no account planned: \(user.label)")
            if let message = user.message { lines.append("      \(message)") }
        }
        for report in target.protected {
            lines.append(
                "  = protected (\(report.protectedBy)) \(report.email): \(report.withheld) withheld"
            )
        }
        for deferred in target.deferredDeletions {
            lines.append("  . \(deferred.email) suspended, grace period running")
        }
        let left = target.unmanaged.filter { $0.disposition == .leave }.count
        if left > 0 {
            lines.append("  \(left) unmanaged account(s) left alone")
        }
        return lines
    }

    private static func symbol(_ kind: ActionKind) -> String {
        switch kind {
        case .create: "+"
        case .update: "~"
        case .reactivate: ">"
        case .suspend: "-"
        case .delete: "x"
        case .withdrawInvitation: "<"
        }
    }

    private static func quoted(_ value: String?) -> String {
        value.map { "\"\($0)\"" } ?? "(none)"
    }
}
