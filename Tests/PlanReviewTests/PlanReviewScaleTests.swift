import Foundation
import OrganizerSyncCore
import PlanReview
import SyncPlanning
import Testing

/// A plan of many actions rendered for review, timed: 100,000 with `PLAN_REVIEW_SCALE=1`, 10,000 by default.
///
/// With `PLAN_REVIEW_SCALE_FILE=PATH` the sealed plan is also written there, so a release build can be timed on it
/// (`organizer-sync show-plan PATH --format markdown`; docs/benchmarks.md).
@Suite struct PlanReviewScaleTests {
    static let actions = ProcessInfo.processInfo.environment["PLAN_REVIEW_SCALE"] == "1" ? 100_000 : 10_000

    /// A sealed plan of `count` actions on two targets: creates, updates, suspensions and deletions in turn.
    static func plan(actions count: Int) throws -> Plan {
        let kinds: [ActionKind] = [.create, .update, .suspend, .delete]
        func action(_ number: Int) -> PlannedAction {
            let kind = kinds[number % kinds.count]
            let email = "user\(number)@example.com"
            return PlannedAction(
                kind: kind,
                anchor: "anchor-\(number)",
                dn: "uid=user\(number),ou=people,dc=example,dc=com",
                email: email,
                reasons: ["reason for \(kind)"],
                precondition: AccountPrecondition(
                    exists: kind != .create,
                    providerID: kind == .create ? nil : "id-\(number)",
                    email: email,
                    status: kind == .create ? nil : .active
                ),
                changes: kind == .update
                    ? [FieldChange(field: "display_name", before: "User", after: "Zoë \(number)")] : [],
                fields: kind == .create ? AccountFields(email: email, displayName: "Zoë \(number)", fields: [:]) : nil
            )
        }
        let targets = ["zoom-main", "webex-main"].enumerated().map { index, name in
            TargetPlan(
                target: name,
                provider: index == 0 ? .zoom : .webex,
                directoryDigest: "d",
                providerDigest: "p",
                stateDigest: "s",
                inScopeCount: count,
                accountCount: count,
                actions: stride(from: index, to: count, by: 2).map(action),
                conflicts: [],
                protected: [],
                unmanaged: [],
                deferredDeletions: [],
                gates: []
            )
        }
        return try Plan(toolVersion: "0.1.0", createdAt: "2026-12-03T10:00:00Z", configDigest: "cfg", targets: targets)
            .sealed()
    }

    @Test("100,000 (or 10,000) actions: rendered for review in Markdown and HTML (timed), every action listed")
    func largePlan() throws {
        let plan = try Self.plan(actions: Self.actions)
        if let file = ProcessInfo.processInfo.environment["PLAN_REVIEW_SCALE_FILE"] {
            try plan.encoded().write(to: URL(fileURLWithPath: file))
        }
        let clock = ContinuousClock()
        let started = clock.now
        let review = PlanReview(plan: plan, sealCheck: "verified", signatureCheck: "none")
        let built = clock.now
        let renderer = try PlanReviewRenderer()
        let markdown = try renderer.render(review, as: .markdown)
        let markdownDone = clock.now
        let html = try renderer.render(review, as: .html)
        let htmlDone = clock.now
        print(
            "plan review of \(Self.actions) actions: build \(built - started), markdown \(markdownDone - built) "
                + "(\(markdown.utf8.count) bytes), html \(htmlDone - markdownDone) (\(html.utf8.count) bytes)"
        )
        let rows = markdown.split(separator: "\n").count { $0.hasPrefix("| zoom-main | user") }
        #expect(rows == Self.actions / 2, "every action of zoom-main has its row")
    }
}
