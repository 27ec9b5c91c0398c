public import Foundation

/// Reading and using the open page: script, the DOM after scripts ran, clicks, typing and screenshots.
extension HeadlessChromium {
    /// Runs `expression` in the page and returns its value (JSON-like: `String`, `NSNumber`, arrays,
    /// dictionaries, or `nil` for `undefined`/`null`).
    /// - Throws: ``HeadlessChromiumError`` when the expression throws.
    @discardableResult
    public func evaluate(_ expression: String) async throws -> Any? {
        let result = try await command(
            "Runtime.evaluate",
            ["expression": expression, "returnByValue": true, "awaitPromise": true]
        )
        if let exception = result["exceptionDetails"] as? [String: Any] {
            let detail = (exception["exception"] as? [String: Any])?["description"] ?? exception["text"] ?? "?"
            throw HeadlessChromiumError("the page's script threw: \(detail)")
        }
        let value = (result["result"] as? [String: Any])?["value"]
        return value is NSNull ? nil : value
    }

    /// `expression`'s value as a string (`String(describing:)` of numbers), or throws when it is undefined.
    public func string(_ expression: String) async throws -> String {
        guard let value = try await evaluate(expression) else {
            throw HeadlessChromiumError("\(expression) is undefined in the page")
        }
        return value as? String ?? "\(value)"
    }

    /// `expression`'s value as an array of strings, for example the text of every cell of a column.
    public func strings(_ expression: String) async throws -> [String] {
        guard let values = try await evaluate(expression) as? [Any] else {
            throw HeadlessChromiumError("\(expression) is not an array in the page")
        }
        return values.map { $0 as? String ?? "\($0)" }
    }

    /// The document as it is now, after the page's scripts ran (what `chromium --dump-dom` prints).
    public func dom() async throws -> String {
        try await string("document.documentElement.outerHTML")
    }

    /// Clicks the first element matching the CSS `selector` with the mouse (pressed and released at its
    /// centre), as a person would; scrolls it into view first.
    /// - Throws: ``HeadlessChromiumError`` when nothing matches or the element has no size (hidden).
    public func click(_ selector: String) async throws {
        let quoted = try javaScriptString(selector)
        let box = try await evaluate(
            """
            (() => { const e = document.querySelector(\(quoted)); if (!e) return null;
              e.scrollIntoView({block: "center"}); const r = e.getBoundingClientRect();
              return [r.left + r.width / 2, r.top + r.height / 2, r.width * r.height]; })()
            """
        )
        guard let point = box as? [Double], point.count == 3 else {
            throw HeadlessChromiumError("nothing in the page matches \(selector)")
        }
        guard point[2] > 0 else { throw HeadlessChromiumError("\(selector) is not visible: it cannot be clicked") }
        for type in ["mousePressed", "mouseReleased"] {
            try await command(
                "Input.dispatchMouseEvent",
                ["type": type, "x": point[0], "y": point[1], "button": "left", "clickCount": 1]
            )
        }
    }

    /// Focuses the first element matching `selector` and types `text` into it (an `input` event follows).
    public func type(_ text: String, into selector: String) async throws {
        let quoted = try javaScriptString(selector)
        guard
            try await evaluate(
                "(() => { const e = document.querySelector(\(quoted)); if (e) e.focus(); return !!e; })()"
            )
                as? Bool == true
        else {
            throw HeadlessChromiumError("nothing in the page matches \(selector)")
        }
        try await command("Input.insertText", ["text": text])
    }

    /// Renders the page for `media` ("print" or "screen"), as printing it would; `nil` goes back to the default.
    public func emulateMedia(_ media: String?) async throws {
        try await command("Emulation.setEmulatedMedia", ["media": media ?? ""])
    }

    /// Saves a PNG of the whole page (up to 16,384 pixels tall) as `name`.png in
    /// ``artifactsDirectory()`` and returns its location.
    @discardableResult
    public func screenshot(named name: String) async throws -> URL {
        let metrics = try await command("Page.getLayoutMetrics")
        let size = metrics["cssContentSize"] as? [String: Any] ?? metrics["contentSize"] as? [String: Any] ?? [:]
        let width = (size["width"] as? Double) ?? 1280
        let height = min((size["height"] as? Double) ?? 900, 16_384)
        let shot = try await command(
            "Page.captureScreenshot",
            [
                "format": "png", "captureBeyondViewport": true,
                "clip": ["x": 0, "y": 0, "width": width, "height": height, "scale": 1],
            ]
        )
        guard let encoded = shot["data"] as? String, let png = Data(base64Encoded: encoded) else {
            throw HeadlessChromiumError("chromium returned no screenshot")
        }
        let file = try Self.artifactsDirectory().appendingPathComponent("\(name).png")
        try png.write(to: file)
        return file
    }

    /// `text` as a JavaScript string literal (JSON's quoting is valid JavaScript).
    private func javaScriptString(_ text: String) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: [text])
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}
