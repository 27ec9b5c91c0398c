import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import PlanReview
import SyncPlanning
import Testing

@Suite("Plans rendered for review: every section, every value escaped")
struct PlanReviewRendererTests {
    /// A display name written to break out of a table cell, a code span and the page.
    static let hostileName = "Eve <script>alert(1)</script> | `x` **y**\nsecond line"

    /// A sealed plan with one action of every kind, a gate, a conflict and accounts left alone.
    static func plan() throws -> Plan {
        func action(
            _ kind: ActionKind,
            _ email: String,
            changes: [FieldChange] = [],
            fields: AccountFields? = nil
        ) -> PlannedAction {
            PlannedAction(
                kind: kind,
                anchor: "anchor-\(email)",
                dn: "uid=\(email.prefix(while: { $0 != "@" })),ou=people,dc=example,dc=com",
                email: email,
                reasons: ["reason for \(kind)"],
                precondition: AccountPrecondition(
                    exists: kind != .create,
                    providerID: kind == .create ? nil : "id-\(email)",
                    email: email,
                    status: kind == .create ? nil : .active
                ),
                changes: changes,
                fields: fields
            )
        }
        let target = TargetPlan(
            target: "zoom-main",
            provider: .zoom,
            directoryDigest: "d",
            providerDigest: "p",
            stateDigest: "s",
            inScopeCount: 4,
            accountCount: 6,
            actions: [
                action(
                    .create,
                    "eve@example.com",
                    fields: AccountFields(email: "eve@example.com", displayName: hostileName, fields: ["dept": "R&D"])
                ),
                action(
                    .update,
                    "bob@example.com",
                    changes: [FieldChange(field: "display_name", before: "Bob", after: hostileName)]
                ),
                action(.reactivate, "rita@example.com"),
                action(.suspend, "sam@example.com"),
                action(.delete, "dan@example.com"),
            ],
            conflicts: [
                PlanConflict(
                    kind: .duplicateEmail,
                    anchors: ["a1", "a2"],
                    emails: ["dup@example.com"],
                    providerIDs: []
                )
            ],
            protected: [
                ProtectedAccountReport(
                    anchor: nil,
                    providerID: "owner",
                    email: "owner@ops.example.com",
                    status: .active,
                    protectedBy: "protected_emails",
                    withheld: .suspend,
                    reasons: ["not in scope any more"]
                )
            ],
            unmanaged: [
                UnmanagedAccountReport(
                    providerID: "u1",
                    email: "stray@example.com",
                    status: .active,
                    disposition: .leave
                )
            ],
            deferredDeletions: [
                DeferredDeletion(
                    anchor: "g",
                    providerID: "g1",
                    email: "grace@example.com",
                    suspendedAt: 1_700_000_000,
                    deleteAfter: 1_702_592_000
                )
            ],
            gates: [BlockedGate(name: "threshold.deletes.count", observed: 1, limit: 0, blocks: [.delete])]
        )
        return try Plan(toolVersion: "0.1.0", createdAt: "2026-12-03T10:00:00Z", configDigest: "cfg", targets: [target])
            .sealed()
    }

    func render(_ format: PlanReviewRenderer.Format) throws -> (String, Plan) {
        let plan = try Self.plan()
        let review = PlanReview(plan: plan, sealCheck: "verified", signatureCheck: "none")
        return (try PlanReviewRenderer().render(review, as: format), plan)
    }

    @Test("Markdown: summary first, then the sections in order, with the seal digest")
    func markdownSections() throws {
        let (text, plan) = try render(.markdown)
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init)
        #expect(
            headings == [
                "# Plan for review", "## Summary", "## Seal", "## Creates (1)", "## Updates (1)",
                "## Reactivations (1)",
                "## Suspensions (1)", "## Deletions (1)", "## Invitations withdrawn (0)", "## Gates tripped (1)",
                "## Conflicts (1)",
                "## Left alone (3)",
            ]
        )
        #expect(text.contains("> **BLOCKED by a safety gate**"))
        #expect(!text.contains("|\n#"), "a blank line ends every table before the next heading")
        #expect(text.contains("- Digest: \(try #require(plan.digest)) (verified)"))
        #expect(
            text.contains(
                "| Creates | Updates | Reactivations | Suspensions | Deletions | Invitations withdrawn | Conflicts |"
            )
        )
        #expect(text.contains("| 1 | 1 | 1 | 1 | 1 | 0 | 1 | 1 | 1 | 1 | 1 |"))
        #expect(text.contains("| zoom-main | bob@<!-- -->example.com | display\\_name | Bob | "))
        #expect(
            text.contains(
                "| zoom-main | dan@<!-- -->example.com | uid=dan,ou=people,dc=example,dc=com | id-dan@<!-- -->example.com | active | reason for delete |"
            )
        )
        #expect(
            text.contains(
                "| zoom-main | threshold.deletes.count | threshold.deletes.count: 1 deletes, limit 0 | delete |"
            )
        )
        #expect(
            text.contains(
                "| zoom-main | grace@<!-- -->example.com | suspended, grace period running | suspended 2023-11-14T22:13:20Z"
            )
        )
        #expect(text.contains("dept: R&amp;D;"))
    }

    @Test("Markdown: a hostile display name stays inside its cell and shows as text")
    func markdownHostile() throws {
        let (text, _) = try render(.markdown)
        let escaped = "Eve \\<script\\>alert(1)\\</script\\> \\| \\`x\\` \\*\\*y\\*\\*↵second line"
        #expect(!text.contains("<script>"))
        #expect(!text.contains("second line |\n"), "the newline did not end the row")
        let update = try #require(text.split(separator: "\n").first { $0.contains("bob@<!-- -->example.com") })
        #expect(
            update == "| zoom-main | bob@<!-- -->example.com | display\\_name | Bob | \(escaped) | reason for update |"
        )
        let create = try #require(text.split(separator: "\n").first { $0.contains("| eve@<!-- -->example.com") })
        #expect(create.contains("display name: \(escaped);"))
        // Every row of a table has as many unescaped pipes as its header.
        let cells = update.split(separator: "|", omittingEmptySubsequences: false).count { !$0.hasSuffix("\\") }
        #expect(cells == 8)
    }

    @Test("HTML: the same figures and sections, the hostile name escaped")
    func html() throws {
        let (html, plan) = try render(.html)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("Eve &lt;script&gt;alert(1)&lt;/script&gt; | `x` **y**\nsecond line"))
        #expect(html.contains("<dd data-figure=\"create\">1</dd>"))
        #expect(html.contains("<dd data-figure=\"gates\">1</dd>"))
        #expect(html.contains("<code id=\"digest\">\(try #require(plan.digest))</code>"))
        #expect(html.contains("id=\"blocked\""))
        var position = html.startIndex
        for id in [
            "summary", "seal", "create", "update", "reactivate", "suspend", "delete", "gates", "conflicts", "skipped",
        ] {
            let found = try #require(html.range(of: "<section id=\"\(id)\">", range: position..<html.endIndex), "\(id)")
            position = found.upperBound
        }
    }

    @Test("The HTML opens in headless Chromium: clean, figures equal the plan's, sortable; a screenshot is kept")
    func inBrowser() async throws {
        let (html, plan) = try render(.html)
        let directory = try TemporaryDirectory(prefix: "plan-review")
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("plan.html")
        try Data(html.utf8).write(to: file)
        let browser = try await HeadlessChromium()
        defer { browser.close() }
        try await browser.open(file)
        try browser.requireClean()
        let target = try #require(plan.targets.first)
        for kind in ActionKind.allCases {
            let shown = try await browser.string("document.querySelector('[data-figure=\(kind.rawValue)]').textContent")
            #expect(shown == "\(target.summary.count(of: kind))", "\(kind)")
        }
        #expect(try await browser.string("document.getElementById('digest').textContent") == plan.digest)
        let name = "document.querySelector('#update td.after').textContent"
        #expect(try await browser.string(name) == Self.hostileName)
        try await browser.screenshot(named: "plan-review-unit")
    }
}

@Suite("A signed and approved plan for review")
struct PlanReviewSignatureTests {
    @Test("The signing key's name and fingerprint, what was checked, and each approval are shown, escaped")
    func signedAndApproved() throws {
        let maker = PlanSigningKey()
        let reviewer = PlanSigningKey()
        let plan = try PlanReviewRendererTests.plan()
            .signed(with: maker, keyName: "ops|<maker>")
            .approved(
                with: reviewer,
                name: "Rita <Reviewer>",
                reason: "CHG-42 | ok",
                at: Date(timeIntervalSince1970: 0)
            )
        let review = PlanReview(plan: plan, sealCheck: "verified", signatureCheck: "verified against trusted key ops")
        let renderer = try PlanReviewRenderer()
        let markdown = try renderer.render(review, as: .markdown)
        #expect(
            markdown.contains(
                "- Signature: key ops\\|\\<maker\\> (\(maker.fingerprint)), verified against trusted key ops\n"
            )
        )
        #expect(
            markdown.contains(
                "- Approved by Rita \\<Reviewer\\> at 1970-01-01T00:00:00Z (\(reviewer.fingerprint)): CHG-42 \\| ok\n"
            )
        )
        let html = try renderer.render(review, as: .html)
        #expect(
            html.contains("key ops|&lt;maker&gt; (<code>\(maker.fingerprint)</code>), verified against trusted key ops")
        )
        #expect(html.contains("Rita &lt;Reviewer&gt;, 1970-01-01T00:00:00Z: CHG-42 | ok"))
    }
}
