import Crypto
import Foundation

/// The shared page around every HTML report: one self-contained file with inline CSS (print styles included)
/// and a small inline script that makes tables sortable and filterable.
///
/// Nothing is fetched when the page is
/// viewed, and a Content-Security-Policy forbids it (`default-src 'none'`; the script is allowed by its
/// SHA-256 only), so the page works offline, as an email attachment and on paper. Without the script the page
/// reads the same, only without sorting and filtering.
///
/// A page template fills the layout by inheritance and gives these values in its context:
/// - `title` (required): the page's title and heading.
/// - `subtitle` (optional): a line under the heading.
/// - `footer` (optional): a line at the bottom (e.g. the tool's version and when the page was made).
///
/// Classes a page can use: `banner` with `alert` (red) or `ok` (green) for a statement at the top;
/// `facts` on a `<dl>` of labelled values; `figures` on a `<dl>` of summary numbers (each `<dd>` may carry `data-figure="name"` for tests and tools);
/// `data` on a table, plus `sortable` (click a header to sort; a cell's `data-sort` overrides its text as the
/// sort key) and `filterable` (a search box above it hides rows without the text); `before`/`after` for an old
/// and new value; `muted`; `kind-create`, `kind-update`, `kind-suspend`, `kind-reactivate`, `kind-delete`.
public enum HTMLLayout {
    /// The inline script: sortable and filterable tables.
    ///
    /// Kept free of `{{` so Mustache leaves it alone.
    public static let script = """
        (function () {
          "use strict";
          function each(list, body) { Array.prototype.forEach.call(list, body); }
          function sortKey(row, index) {
            var cell = row.cells[index];
            if (!cell) { return ""; }
            var key = cell.getAttribute("data-sort");
            return key !== null ? key : cell.textContent.trim();
          }
          function compare(a, b) {
            var x = Number(a), y = Number(b);
            if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y)) { return x - y; }
            return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
          }
          function sortTable(table, index, descending) {
            var body = table.tBodies[0];
            if (!body) { return; }
            var rows = Array.prototype.map.call(body.rows, function (row, position) {
              return { row: row, key: sortKey(row, index), position: position };
            });
            rows.sort(function (a, b) {
              var order = compare(a.key, b.key);
              if (order === 0) { return a.position - b.position; }
              return descending ? -order : order;
            });
            var fragment = document.createDocumentFragment();
            rows.forEach(function (entry) { fragment.appendChild(entry.row); });
            body.appendChild(fragment);
            each(table.tHead.rows[0].cells, function (header, position) {
              var state = position !== index ? "none" : (descending ? "descending" : "ascending");
              header.setAttribute("aria-sort", state);
            });
          }
          function makeSortable(table) {
            if (!table.tHead || table.tHead.rows.length === 0) { return; }
            each(table.tHead.rows[0].cells, function (header, index) {
              var button = document.createElement("button");
              button.type = "button";
              button.className = "sort";
              while (header.firstChild) { button.appendChild(header.firstChild); }
              header.appendChild(button);
              header.setAttribute("aria-sort", "none");
              button.addEventListener("click", function () {
                sortTable(table, index, header.getAttribute("aria-sort") === "ascending");
              });
            });
          }
          function makeFilterable(table) {
            var body = table.tBodies[0];
            if (!body) { return; }
            var input = document.createElement("input");
            input.type = "search";
            input.className = "filter";
            input.placeholder = "Filter rows";
            input.setAttribute("aria-label", "Filter " + (table.getAttribute("aria-label") || "the table"));
            input.addEventListener("input", function () {
              var needle = input.value.trim().toLowerCase();
              var shown = 0;
              each(body.rows, function (row) {
                var match = needle === "" || row.textContent.toLowerCase().indexOf(needle) !== -1;
                row.hidden = !match;
                if (match) { shown += 1; }
              });
              table.setAttribute("data-shown", String(shown));
            });
            table.parentNode.insertBefore(input, table);
          }
          each(document.querySelectorAll("table.sortable"), makeSortable);
          each(document.querySelectorAll("table.filterable"), makeFilterable);
          document.documentElement.classList.add("scripted");
        })();
        """

    /// The inline style sheet, screen and print.
    public static let style = """
        :root { color-scheme: light; --ink: #1d2125; --muted: #5e6a75; --rule: #d5dbe1; --band: #f4f6f8;
          --red: #b3261e; --red-band: #fdecea; --green: #1e6b35; --green-band: #e8f5ec; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1200px; padding: 24px; color: var(--ink); background: #fff;
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
        h3 { font-size: 15px; margin: 18px 0 6px; }
        .subtitle, .muted, footer { color: var(--muted); }
        code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px;
          overflow-wrap: anywhere; }
        .banner { border: 1px solid; border-radius: 6px; padding: 10px 14px; margin: 14px 0; font-weight: 600; }
        .banner.alert { color: var(--red); background: var(--red-band); border-color: var(--red); }
        .banner.ok { color: var(--green); background: var(--green-band); border-color: var(--green); }
        dl.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
        dl.figures > div { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 14px; min-width: 110px;
          background: var(--band); }
        dl.figures dt { color: var(--muted); font-size: 12px; }
        dl.figures dd { margin: 0; font-size: 22px; font-weight: 700; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        table.data { border-collapse: collapse; width: 100%; margin: 6px 0 14px; }
        table.data th, table.data td { text-align: left; vertical-align: top; padding: 5px 8px;
          border-bottom: 1px solid var(--rule); overflow-wrap: break-word; }
        table.data th { background: var(--band); font-weight: 600; white-space: nowrap; }
        table.data td.number, table.data th.number { text-align: right; }
        button.sort { font: inherit; font-weight: 600; color: inherit; background: none; border: 0; padding: 0;
          cursor: pointer; }
        th[aria-sort="ascending"] button.sort::after { content: " \\25B2"; }
        th[aria-sort="descending"] button.sort::after { content: " \\25BC"; }
        input.filter { font: inherit; padding: 4px 8px; margin: 4px 0; width: 260px; max-width: 100%;
          border: 1px solid var(--rule); border-radius: 4px; }
        .before { color: var(--red); text-decoration: line-through; }
        .after { color: var(--green); }
        .kind-create { color: var(--green); }
        .kind-delete, .kind-suspend { color: var(--red); }
        .kind-update, .kind-reactivate { color: #1f4e99; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          input.filter, button.sort::after { display: none; }
          button.sort { font-weight: 600; }
          h2 { break-after: avoid; }
          tr, dl.figures > div, .banner { break-inside: avoid; }
          thead { display: table-header-group; }
          .banner, dl.figures > div, table.data th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          tr[hidden] { display: table-row; }
        }
        """

    /// The Content-Security-Policy of every page: nothing may be fetched; only the inline style and this
    /// script (by its SHA-256) run.
    public static let contentSecurityPolicy: String = {
        let digest = Data(SHA256.hash(data: Data(script.utf8))).base64EncodedString()
        return "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-\(digest)'"
    }()

    /// The layout template, registered by ``ReportRenderer`` as ``ReportRenderer/layoutName``.
    public static let template = ReportTemplate(
        name: ReportRenderer.layoutName,
        format: .html,
        text: """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
            <meta name="referrer" content="no-referrer">
            <title>{{title}}</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <header>
            <h1>{{title}}</h1>
            {{#subtitle}}<p class="subtitle">{{subtitle}}</p>{{/subtitle}}
            </header>
            <main>
            {{$content}}{{/content}}
            </main>
            {{#footer}}<footer><p>{{footer}}</p></footer>{{/footer}}
            <script>\(script)</script>
            </body>
            </html>

            """
    )
}
