import AuditLog
import AuditReporting
import Foundation
import OrganizerSyncCore
import OrganizerSyncTestSupport
import Testing

/// The report of a large log: 100,000 changes (`AUDIT_REPORT_SCALE=1`; 10,000 by default) over 30 days in 100 runs, built and rendered in every format, timed,
/// and the HTML page opened in headless Chromium (it lists a bounded number of rows, in pages).
@Suite(.serialized) struct AuditReportScaleTests {
    /// 100,000 with `AUDIT_REPORT_SCALE=1` (the measurement, minutes of CPU in a debug build); 10,000 by default,
    /// so the suite's timing-sensitive tests running beside it keep their CPU (still more than a page lists).
    static let changes = ProcessInfo.processInfo.environment["AUDIT_REPORT_SCALE"] == "1" ? 100_000 : 10_000
    static let runs = 100

    /// Writes a chained log of `runs` runs with `changes` changes in all (an intent and an outcome each; every
    /// 50th fails with the provider's answer); returns its path.
    static func syntheticLog(in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("audit.jsonl").path
        var output = Data()
        output.reserveCapacity(changes * 2 * 420)
        var seq = 0
        var prev = AuditHead.zeroHash
        let kinds: [AuditAction] = [.create, .update, .suspend, .reactivate, .delete]
        func add(_ record: AuditRecord) {
            let line = record.encodedLine()
            output.append(contentsOf: line)
            output.append(0x0A)
            prev = AuditRecord.hash(ofLine: line)
        }
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        for run in 0..<runs {
            let id = "run-\(run)"
            let time = AuditTimestamp.format(start.addingTimeInterval(Double(run) * 30 * 86_400 / Double(runs)))
            seq += 1
            var begin = AuditRecord(seq: seq, time: time, run: id, type: .runStart, prev: prev)
            begin.user = "svc-sync"
            begin.uid = 990
            begin.host = "sync-1"
            begin.reason = "nightly"
            begin.scheduler = ["kind": "systemd", "unit": "organizer-sync.service", "invocation_id": "ab"]
            add(begin)
            for index in 0..<(changes / runs) {
                let number = run * (changes / runs) + index
                seq += 1
                var intent = AuditRecord(seq: seq, time: time, run: id, type: .intent, prev: prev)
                intent.target = number % 3 == 0 ? "zoom" : "webex"
                intent.provider = intent.target
                intent.action = kinds[number % kinds.count]
                intent.email = "user\(number)@example.com"
                intent.anchor = "anchor-\(number)"
                intent.reasons = ["disabled in the directory"]
                add(intent)
                seq += 1
                var outcome = AuditRecord(seq: seq, time: time, run: id, type: .outcome, prev: prev)
                outcome.target = intent.target
                outcome.provider = intent.provider
                outcome.action = intent.action
                outcome.email = intent.email
                outcome.anchor = intent.anchor
                outcome.result = number % 50 == 0 ? .failed : .succeeded
                if outcome.result == .failed {
                    outcome.httpStatus = 429
                    outcome.message = "rate limited"
                }
                add(outcome)
            }
            seq += 1
            var end = AuditRecord(seq: seq, time: time, run: id, type: .runEnd, prev: prev)
            end.result = .partial
            end.counts = ["succeeded": 980, "failed": 20]
            add(end)
        }
        try output.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(
        "100,000 (or 10,000) changes: read, verified, built and rendered (timed); the HTML lists at most 5,000 rows, in pages"
    )
    func largeLog() async throws {
        let folder = try TemporaryDirectory(prefix: "audit-report-scale")
        defer { folder.remove() }
        let path = try Self.syntheticLog(in: folder.url)
        let clock = ContinuousClock()
        let started = clock.now
        let (verification, records) = try AuditVerifier.verifyAndRead(path: path, expecting: nil, key: nil)
        let verified = clock.now
        let report = AuditReport.build(
            from: .init(records: records ?? [], unreadableLines: [], verification: verification, against: []),
            period: .init()
        )
        let built = clock.now
        let json = try AuditReportRenderer.json(report)
        let jsonDone = clock.now
        let markdown = try AuditReportRenderer.markdown(report)
        let markdownDone = clock.now
        let html = try AuditReportRenderer.html(report)
        let htmlDone = clock.now
        print(
            "audit report of \(Self.changes) changes (\(records?.count ?? 0) records): verify and read "
                + "\(verified - started), build \(built - verified), json \(jsonDone - built) (\(json.utf8.count) bytes), "
                + "markdown \(markdownDone - jsonDone) (\(markdown.utf8.count) bytes), html \(htmlDone - markdownDone) "
                + "(\(html.utf8.count) bytes); total \(htmlDone - started)"
        )
        #expect(verification.isIntact)
        #expect(report.summary.changes == Self.changes)
        #expect(report.summary.failures == Self.changes / 50)
        #expect(report.summary.runs == Self.runs)
        #expect(report.days.count == 30)

        let file = folder.url.appendingPathComponent("large.html")
        try Data(html.utf8).write(to: file)
        let browser = try await HeadlessChromium(timeout: 60)
        defer { browser.close() }
        let opened = clock.now
        try await browser.open(file)
        try browser.requireClean()
        print("headless Chromium opened the page of \(html.utf8.count) bytes in \(clock.now - opened)")
        let rows = try await browser.string("document.querySelectorAll('table.changes tbody tr').length + ''")
        #expect(rows == String(AuditReportPage.maximumChangeRows))
        #expect(
            try await browser.string("document.querySelector('[data-figure=\"changes\"]').textContent")
                == String(Self.changes)
        )
        #expect(try await browser.string("document.querySelector('#left-out') ? 'shown' : 'missing'") == "shown")
        // A sort of the first page of changes (500 rows) and of the runs, timed inside the page.
        for table in ["table.changes", "#runs-table"] {
            let sorted = try await browser.string(
                "(() => { const start = performance.now(); "
                    + "document.querySelector('\(table) th:nth-child(2) button').click(); "
                    + "return (performance.now() - start).toFixed(1) + ' ms ' + "
                    + "document.querySelector('\(table) th:nth-child(2)').getAttribute('aria-sort'); })()"
            )
            print("headless Chromium sorted \(table) (\(rows) change rows on the page) in \(sorted)")
            #expect(sorted.hasSuffix(" ascending"), "\(sorted)")
        }
    }
}
