import Foundation
import OrganizerSyncTestSupport
import Reports
import Testing

@Suite("The HTML layout in headless Chromium: clean, sortable, filterable")
struct HTMLLayoutBrowserTests {
    static let page = ReportTemplate(
        name: "table",
        format: .html,
        text: """
            {{<layout}}{{$content}}
            <dl class="figures"><div><dt>Rows</dt><dd data-figure="rows">{{count}}</dd></div></dl>
            <table class="data sortable filterable" id="people" aria-label="people">
            <thead><tr><th>Name</th><th class="number">Seats</th></tr></thead>
            <tbody>{{#rows}}<tr><td>{{name}}</td><td class="number">{{seats}}</td></tr>{{/rows}}</tbody>
            </table>
            {{/content}}{{/layout}}
            """
    )

    @Test("Sorting by a click and filtering by typing work; no console error, no request; a screenshot is kept")
    func sortAndFilter() async throws {
        let rows: [[String: Any]] = [
            ["name": "Chloé <b>", "seats": 10], ["name": "alice", "seats": 2], ["name": "Bob", "seats": 33],
        ]
        let html = try ReportRenderer(templates: [Self.page]).render(
            "table",
            ["title": "Layout check", "count": rows.count, "rows": rows] as [String: Any]
        )
        let directory = try TemporaryDirectory(prefix: "layout-test")
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("layout.html")
        try Data(html.utf8).write(to: file)

        let browser = try await HeadlessChromium()
        defer { browser.close() }
        try await browser.open(file)
        try browser.requireClean()
        let names = "Array.from(document.querySelectorAll('#people tbody tr td:first-child'), c => c.textContent)"
        #expect(try await browser.strings(names) == ["Chloé <b>", "alice", "Bob"])
        #expect(try await browser.string("document.querySelector('[data-figure=rows]').textContent") == "3")

        try await browser.click("#people th:nth-child(2) button")
        #expect(try await browser.strings(names) == ["alice", "Chloé <b>", "Bob"], "seats ascending, as numbers")
        try await browser.click("#people th:nth-child(2) button")
        #expect(try await browser.strings(names) == ["Bob", "Chloé <b>", "alice"], "seats descending")
        try await browser.click("#people th:nth-child(1) button")
        #expect(try await browser.strings(names) == ["alice", "Bob", "Chloé <b>"], "names, case-insensitive")
        #expect(
            try await browser.string("document.querySelector('#people th').getAttribute('aria-sort')") == "ascending"
        )

        try await browser.type("bo", into: "input.filter")
        let shown =
            "Array.from(document.querySelectorAll('#people tbody tr:not([hidden]) td:first-child'), c => c.textContent)"
        #expect(try await browser.strings(shown) == ["Bob"])
        try browser.requireClean()
        try await browser.screenshot(named: "reports-layout")

        // On paper: no filter box, and rows a filter hid are printed all the same.
        let filterShown = "getComputedStyle(document.querySelector('input.filter')).display"
        #expect(try await browser.string(filterShown) != "none")
        try await browser.emulateMedia("print")
        #expect(try await browser.string(filterShown) == "none")
        let rowsShown =
            "String(Array.from(document.querySelectorAll('#people tbody tr'))"
            + ".filter(r => getComputedStyle(r).display !== 'none').length)"
        #expect(try await browser.string(rowsShown) == "3")
        try await browser.screenshot(named: "reports-layout-print")
    }
}
