import Foundation
import OrganizerSyncTestSupport
import Testing

@Suite("Headless Chromium: console errors, network requests, clicks and screenshots", .serialized)
struct HeadlessChromiumTests {
    func page(_ body: String, in directory: TemporaryDirectory) throws -> URL {
        let file = directory.url.appendingPathComponent("page-\(UUID().uuidString).html")
        try Data(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>\(body)</body></html>".utf8
        )
        .write(to: file)
        return file
    }

    @Test("A clean page passes; script, DOM, typing and clicking work; the screenshot is a PNG")
    func cleanPage() async throws {
        let directory = try TemporaryDirectory(prefix: "chromium-test")
        defer { directory.remove() }
        let browser = try await HeadlessChromium(timeout: 30)
        defer { browser.close() }
        try await browser.open(
            page(
                """
                <p id="out">start</p><input id="in"><button id="b" onclick="out.textContent = 'clicked ' + \
                document.getElementById('in').value">go</button>
                """,
                in: directory
            )
        )
        try browser.requireClean()
        #expect(try await browser.string("document.title") == "t")
        try await browser.type("typed", into: "#in")
        try await browser.click("#b")
        #expect(try await browser.string("document.getElementById('out').textContent") == "clicked typed")
        #expect(try await browser.dom().contains("<p id=\"out\">clicked typed</p>"))
        let shot = try await browser.screenshot(named: "headless-chromium-self-test")
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        await #expect(throws: HeadlessChromiumError.self) { try await browser.click("#missing") }
    }

    @Test(
        "A console error, an uncaught exception or a network request fails the page",
        arguments: [
            ("<script>console.error('boom')</script>", "console errors"),
            ("<script>undefinedFunction()</script>", "console errors"),
            ("<img src=\"http://example.invalid/pixel.png\">", "network requests"),
            ("<link rel=\"stylesheet\" href=\"https://example.invalid/style.css\">", "network requests"),
        ]
    )
    func faultyPage(body: String, problem: String) async throws {
        let directory = try TemporaryDirectory(prefix: "chromium-test")
        defer { directory.remove() }
        let browser = try await HeadlessChromium(timeout: 30)
        defer { browser.close() }
        try await browser.open(page(body, in: directory))
        let error = #expect(throws: HeadlessChromiumError.self) { try browser.requireClean() }
        #expect(error?.description.contains(problem) == true, "\(error?.description ?? "")")
    }
}
