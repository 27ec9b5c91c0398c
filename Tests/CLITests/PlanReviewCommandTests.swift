import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderSimulator
import SyncPlanning
import Testing

/// `plan --format markdown|html` and `show-plan` end to end: a real plan made against slapd and the simulator
/// with every kind of action, a gate, a conflict and accounts left alone; the HTML checked in headless Chromium.
@Suite("organizer-sync plan for review", .serialized)
struct PlanReviewCommandTests {
    /// A display name written to break out of a Markdown cell and out of the HTML page.
    static let hostile = "Bob <script>alert(1)</script> | `rm -rf` **x**\nsecond line"

    /// alice is new; bob's last name and display name changed; carol (disabled) has an active account; dave and
    /// frank (disabled) have invitations they never accepted (withdrawn, under pending_invitations: withdraw); gina (enabled) is suspended;
    /// henry (disabled) is protected; ivan and ivy share one email.
    static let people =
        TestPerson.standard + [
            TestPerson(uid: "gina", givenName: "Gina", sn: "Gray"),
            TestPerson(uid: "henry", givenName: "Henry", sn: "Hale", isDisabled: true),
            TestPerson(uid: "ivan", givenName: "Ivan", sn: "Ivanov"),
            TestPerson(uid: "ivy", givenName: "Ivy", sn: "Ivanova"),
        ]

    static let seed = SimulatorSeed.demo
        .placing(TestPerson.standard("bob"), on: .zoom, slot: 1, lastName: "Bakker")
        .placing(TestPerson.standard("carol"), on: .zoom, slot: 2)
        .placing(TestPerson.standard("dave"), on: .zoom, slot: 3, status: .pending)
        .placing(TestPerson.standard("frank"), on: .zoom, slot: 4, status: .pending)
        .placing(people.first { $0.uid == "gina" }!, on: .zoom, slot: 5, status: .inactive)
        .placing(people.first { $0.uid == "henry" }!, on: .zoom, slot: 6)

    static let target = TestTarget.standard(
        .zoom,
        policy:
            "{ deprovision: suspend, pending_invitations: withdraw, unmanaged: leave, protected_emails: [henry@example.com], "
            + "max_creates: { count: 100 }, max_suspends: { count: 100, share: 1.0 }, max_deletes: { count: 1 } }"
    )

    /// The world above, with bob's display name made hostile and ivy's email made ivan's.
    static func withWorld(_ body: (ApplyFixture) async throws -> Void) async throws {
        try await ApplyFixture.with(people: people, targets: [target], seed: seed) { world in
            try await world.ldapModify(
                """
                dn: uid=bob,ou=people,\(world.base)
                changetype: modify
                replace: displayName
                displayName:: \(Data(hostile.utf8).base64EncodedString())

                dn: uid=ivy,ou=people,\(world.base)
                changetype: modify
                replace: mail
                mail: ivan@example.com
                """
            )
            try await body(world)
        }
    }

    @Test("plan --format markdown: every section and value, the hostile name escaped, the same plan as --out")
    func markdown() async throws {
        try await Self.withWorld { world in
            let file = world.folder.appendingPathComponent("plan.json").path
            let result = try await world.run(["plan", "--out", file, "--format", "markdown"])
            #expect(result.status == 3, "blocked by threshold.deletes.count: \(result)")
            let plan = try Plan.decodeVerified(from: Data(contentsOf: URL(fileURLWithPath: file)))
            let text = result.stdout
            let target = try #require(plan.targets.first)
            // Under `deprovision: suspend` nothing is deleted: the leavers' invitations are withdrawn instead.
            #expect(
                Set(target.actions.map(\.kind)) == Set(ActionKind.allCases).subtracting([.delete]),
                "\(ApplyCommandTests.actions(plan))"
            )
            #expect(!target.gates.isEmpty && !target.conflicts.isEmpty && !target.protected.isEmpty)
            #expect(!target.unmanaged.isEmpty)

            let headings = text.split(separator: "\n").filter { $0.hasPrefix("#") }.map(String.init)
            #expect(headings.first == "# Plan for review")
            #expect(
                headings.dropFirst().map { $0.split(separator: " (")[0] } == [
                    "## Summary", "## Seal", "## Creates", "## Updates", "## Reactivations", "## Suspensions",
                    "## Deletions", "## Invitations withdrawn", "## Gates tripped", "## Conflicts", "## Left alone",
                ]
            )
            let summary = target.summary
            #expect(
                text.contains(
                    "| \(summary.create) | \(summary.update) | \(summary.reactivate) | \(summary.suspend) | "
                        + "\(summary.delete) | \(summary.withdrawInvitation) | \(target.conflicts.count) | "
                        + "\(target.protected.count) | "
                )
            )
            #expect(text.contains("- Digest: \(try #require(plan.digest)) (sealed by this run)"))
            #expect(text.contains("> **BLOCKED by a safety gate**"))
            for action in target.actions {
                #expect(
                    text.contains(
                        "| zoom | \(action.email.replacingOccurrences(of: "_", with: "\\_").replacingOccurrences(of: "@", with: "@<!-- -->")) |"
                    )
                )
            }
            #expect(text.contains("| zoom | bob@<!-- -->example.com | lastName | Bakker | Baker |"))
            let escaped = "Bob \\<script\\>alert(1)\\</script\\> \\| \\`rm -rf\\` \\*\\*x\\*\\*↵second line"
            #expect(
                text.contains("| zoom | bob@<!-- -->example.com | displayName | Bob Baker | \(escaped) |"),
                "\(text)"
            )
            #expect(!text.contains("<script>"))
            #expect(!text.contains("|\n#"), "a blank line ends every table before the next heading")
            #expect(
                text.contains(
                    "| zoom | threshold.deletes.count | threshold.deletes.count: 2 deletes, limit 1 | delete, withdraw\\_invitation |"
                )
            )
            #expect(text.contains("| zoom | duplicateEmail |"))
            #expect(
                text.contains("| zoom | henry@<!-- -->example.com | protected (pattern:henry@<!-- -->example.com) |")
            )
            #expect(text.contains("| unmanaged | active; policy: leave |"))
            world.expectNoSecret(in: result.stdout + result.stderr, "plan --format markdown")
        }
    }

    @Test("show-plan --format html: the seal is checked; the page is clean in Chromium and its figures are the plan's")
    func htmlInBrowser() async throws {
        try await Self.withWorld { world in
            let made = try await world.plan()
            try #require(made.result.status == 3, "\(made.result)")
            let plan = try #require(made.plan)
            let result = try await world.run(["show-plan", made.file, "--format", "html"])
            #expect(result.status == 0, "\(result.stderr)")
            let page = world.folder.appendingPathComponent("plan.html")
            try Data(result.stdout.utf8).write(to: page)

            let browser = try await HeadlessChromium()
            defer { browser.close() }
            try await browser.open(page)
            try browser.requireClean()
            let target = try #require(plan.targets.first)
            for kind in ActionKind.allCases {
                let shown = try await browser.string(
                    "document.querySelector('[data-figure=\(kind.rawValue)]').textContent"
                )
                #expect(shown == "\(target.summary.count(of: kind))", "\(kind)")
            }
            for (key, value) in [
                ("conflicts", target.conflicts.count), ("protected", target.protected.count),
                ("unmanaged", target.unmanaged.count), ("gates", target.gates.count),
            ] {
                #expect(
                    try await browser.string("document.querySelector('[data-figure=\(key)]').textContent") == "\(value)"
                )
            }
            #expect(try await browser.string("document.getElementById('digest').textContent") == plan.digest)
            #expect(try await browser.string("document.getElementById('blocked').textContent").hasPrefix("BLOCKED"))
            // The hostile name is text on the page, not markup: one script element (the layout's).
            let after = "Array.from(document.querySelectorAll('#update td.after'), c => c.textContent)"
            #expect(try await browser.strings(after).contains(Self.hostile))
            #expect(try await browser.string("String(document.scripts.length)") == "1")
            // Rows of every action table equal the plan's actions of that kind.
            for kind in ActionKind.allCases {
                let rows = try await browser.string(
                    "String(document.querySelectorAll('#\(kind.rawValue) tbody tr').length)"
                )
                let expected =
                    kind == .update
                    ? target.actions.filter { $0.kind == .update }.reduce(0) { $0 + $1.changes.count }
                    : target.summary.count(of: kind)
                #expect(rows == "\(expected)", "\(kind)")
            }
            // Sorting by a click: the updates by field, then reversed.
            let fields = "Array.from(document.querySelectorAll('#update tbody td:nth-child(3)'), c => c.textContent)"
            try await browser.click("#update th:nth-child(3) button")
            let ascending = try await browser.strings(fields)
            #expect(ascending == ascending.sorted() && ascending.count > 1)
            try await browser.click("#update th:nth-child(3) button")
            #expect(try await browser.strings(fields) == ascending.reversed())
            try browser.requireClean()
            try await browser.screenshot(named: "plan-review")
        }
    }

    @Test("show-plan refuses an altered plan (exit 7) and renders nothing")
    func alteredPlan() async throws {
        try await Self.withWorld { world in
            let made = try await world.plan()
            try #require(made.plan != nil, "\(made.result)")
            let original = try String(contentsOfFile: made.file, encoding: .utf8)
            let altered = original.replacingOccurrences(of: "alice@example.com", with: "mallory@example.com")
            try #require(altered != original)
            try Data(altered.utf8).write(to: URL(fileURLWithPath: made.file))
            for format in ["markdown", "html", "text"] {
                let result = try await world.run(["show-plan", made.file, "--format", format])
                #expect(result.status == 7, "\(result)")
                #expect(result.stdout.isEmpty)
                #expect(result.stderr.contains("plan digest does not match its content"), "\(result.stderr)")
            }
        }
    }

    @Test("show-plan checks a signed plan against signing.trusted_keys: verified is said; an untrusted key exits 7")
    func signedPlan() async throws {
        try await ApplyFixture.with(targets: [.standard(.zoom)]) { world in
            let maker = try await PlanSigningTests.keygen(world, "maker")
            let stranger = try await PlanSigningTests.keygen(world, "stranger")
            try PlanSigningTests.configure(world, maker: maker, trusted: [("ops-planner", maker)])
            let made = try await world.plan()
            let plan = try #require(made.plan, "\(made.result)")
            let fingerprint = try #require(plan.signature?.keyFingerprint)

            let shown = try await world.run(["show-plan", made.file, "--format", "markdown"])
            #expect(shown.status == 0, "\(shown)")
            #expect(
                shown.stdout.contains(
                    "- Signature: key planner (\(fingerprint)), verified against trusted key ops-planner\n"
                ),
                "\(shown.stdout)"
            )
            world.expectNoSecret(in: shown.stdout + shown.stderr, "show-plan")
            #expect(!shown.stdout.contains(try String(contentsOfFile: maker.privateFile, encoding: .utf8)))

            // Another trusted key only: the signing section is written anew.
            let yaml = try String(contentsOfFile: world.config, encoding: .utf8)
            let unsigned = try #require(yaml.components(separatedBy: "signing:\n").first)
            try unsigned.write(toFile: world.config, atomically: true, encoding: .utf8)
            try PlanSigningTests.configure(world, maker: nil, trusted: [("someone-else", stranger)])
            let refused = try await world.run(["show-plan", made.file, "--format", "html"])
            #expect(refused.status == 7, "\(refused)")
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr.contains("not in signing.trusted_keys"), "\(refused.stderr)")
        }
    }
}
