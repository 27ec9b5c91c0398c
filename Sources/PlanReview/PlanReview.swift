import Foundation
import OrganizerSyncCore
public import SyncPlanning

/// A plan as a reviewer reads it: the figures first, then every change and everything left alone, as rows of
/// plain text for the Markdown and HTML templates (``PlanReviewRenderer``).
///
/// Built only from the plan's data;
/// the templates escape every value.
public struct PlanReview: Sendable {
    /// One summary figure (`create`, `update`, … `gates`), with the key tests and tools read it by.
    public struct Figure: Sendable {
        public let key: String
        public let label: String
        public let value: Int
    }

    /// One target's line of the summary table.
    public struct TargetRow: Sendable {
        public let name: String
        public let provider: String
        public let inScope: Int
        public let accounts: Int
        public let create: Int
        public let update: Int
        public let reactivate: Int
        public let suspend: Int
        public let delete: Int
        public let conflicts: Int
        public let protected: Int
        public let unmanaged: Int
        public let isBlocked: Bool
    }

    /// A field and its value (a create's fields).
    public struct Field: Sendable {
        public let field: String
        public let value: String
    }

    /// A create, reactivation, suspension or deletion.
    public struct ActionRow: Sendable {
        public let target: String
        public let email: String
        public let dn: String
        public let providerID: String
        public let status: String
        public let reasons: String
        public let fields: [Field]
    }

    /// One field of an update: before → after.
    public struct ChangeRow: Sendable {
        public let target: String
        public let email: String
        public let field: String
        public let before: String
        public let after: String
        public let reasons: String
    }

    /// A threshold or guard the plan tripped.
    public struct GateRow: Sendable {
        public let target: String
        public let name: String
        public let summary: String
        public let blocks: String
    }

    /// Users and accounts that could not be matched one to one.
    public struct ConflictRow: Sendable {
        public let target: String
        public let kind: String
        public let anchors: String
        public let emails: String
        public let providerIDs: String
    }

    /// An account left alone: protected, unmanaged, or suspended with its grace period running.
    public struct SkippedRow: Sendable {
        public let target: String
        public let email: String
        public let why: String
        public let detail: String
    }

    /// One section of rows, with what the templates need to say "None." or show a table.
    public struct Section<Row: Sendable>: Sendable {
        /// The HTML id and the action kind's CSS class suffix.
        public let id: String
        public let heading: String
        public let rows: [Row]
        public let count: Int
        public let hasRows: Bool
        /// Whether the rows carry fields (creates).
        public let withFields: Bool

        init(_ id: String, _ heading: String, _ rows: [Row], withFields: Bool = false) {
            self.id = id
            self.heading = heading
            self.rows = rows
            self.count = rows.count
            self.hasRows = !rows.isEmpty
            self.withFields = withFields
        }
    }

    /// A reviewer's approval.
    public struct Approval: Sendable {
        public let name: String
        public let reason: String
        public let approvedAt: String
        public let keyFingerprint: String
    }

    /// The plan maker's signature.
    public struct Signature: Sendable {
        public let keyName: String
        public let keyFingerprint: String
        /// What was checked of it, for example "verified against signing.trusted_keys" or "not checked".
        public let check: String
    }

    public let title: String
    public let subtitle: String
    public let footer: String
    public let digest: String
    public let sealCheck: String
    public let configDigest: String
    public let createdAt: String
    public let toolVersion: String
    public let isBlocked: Bool
    public let hasChanges: Bool
    public let signature: Signature?
    public let approvals: [Approval]
    public let figures: [Figure]
    public let targets: [TargetRow]
    public let directoryWarnings: [String]
    public let creates: Section<ActionRow>
    public let updates: Section<ChangeRow>
    /// Reactivations, suspensions and deletions, in that order.
    public let laterActions: [Section<ActionRow>]
    public let gates: Section<GateRow>
    public let conflicts: Section<ConflictRow>
    /// Protected accounts, suspended accounts in their grace period, unmanaged accounts left alone.
    public let skipped: Section<SkippedRow>

    /// The review of `plan`.
    /// - Parameters:
    ///   - plan: A sealed plan whose seal the caller verified.
    ///   - sealCheck: How the seal was checked (e.g. "verified", "sealed just now").
    ///   - signatureCheck: What was checked of the signature, when the plan is signed.
    public init(plan: Plan, sealCheck: String, signatureCheck: String) {
        let digest = plan.digest ?? "unsealed"
        title = "Plan for review"
        subtitle = "\(digest) · made \(plan.createdAt) by organizer-sync \(plan.toolVersion)"
        footer = "Rendered from the plan's data by organizer-sync. Nothing else than this plan is applied."
        self.digest = digest
        self.sealCheck = sealCheck
        configDigest = plan.configDigest
        createdAt = plan.createdAt
        toolVersion = plan.toolVersion
        isBlocked = plan.isBlocked
        hasChanges = plan.hasChanges
        signature = plan.signature.map {
            Signature(keyName: $0.keyName, keyFingerprint: $0.keyFingerprint, check: signatureCheck)
        }
        approvals = (plan.approvals ?? []).map {
            Approval(name: $0.name, reason: $0.reason, approvedAt: $0.approvedAt, keyFingerprint: $0.keyFingerprint)
        }
        directoryWarnings = plan.directoryWarnings ?? []
        targets = plan.targets.map(Self.targetRow)
        figures = Self.figures(plan)
        creates = Section("create", "Creates", Self.actions(plan, .create), withFields: true)
        updates = Section("update", "Updates", plan.targets.flatMap(Self.changeRows))
        laterActions = [
            Section("reactivate", "Reactivations", Self.actions(plan, .reactivate)),
            Section("suspend", "Suspensions", Self.actions(plan, .suspend)),
            Section("delete", "Deletions", Self.actions(plan, .delete)),
            Section("withdraw_invitation", "Invitations withdrawn", Self.actions(plan, .withdrawInvitation)),
        ]
        let gateRows = plan.targets.flatMap { target in
            target.gates.map {
                GateRow(
                    target: target.target,
                    name: $0.name,
                    summary: $0.summary,
                    blocks: $0.blocks.map(\.rawValue).joined(separator: ", ")
                )
            }
        }
        gates = Section("gates", "Gates tripped", gateRows)
        let conflictRows = plan.targets.flatMap { target in
            target.conflicts.map {
                ConflictRow(
                    target: target.target,
                    kind: $0.kind.rawValue,
                    anchors: $0.anchors.joined(separator: ", "),
                    emails: $0.emails.joined(separator: ", "),
                    providerIDs: $0.providerIDs.joined(separator: ", ")
                )
            }
        }
        conflicts = Section("conflicts", "Conflicts", conflictRows)
        skipped = Section("skipped", "Left alone", plan.targets.flatMap(Self.skippedRows))
    }
}
