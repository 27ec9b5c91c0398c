import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The DevTools protocol over the pipe: JSON messages, each ended by a NUL byte. Commands carry an id and are
/// answered by a message with that id; events (no id) arrive in between and are recorded as they come.
extension HeadlessChromium {
    /// Opens a page target, attaches to it and turns on the events the checks read.
    func startPage(width: Int, height: Int) async throws {
        let target = try await command("Target.createTarget", ["url": "about:blank"], session: false)
        guard let targetID = target["targetId"] as? String else {
            throw HeadlessChromiumError("chromium made no page target: \(target)")
        }
        let attached = try await command(
            "Target.attachToTarget",
            ["targetId": targetID, "flatten": true],
            session: false
        )
        guard let session = attached["sessionId"] as? String else {
            throw HeadlessChromiumError("chromium gave no session for the page: \(attached)")
        }
        sessionID = session
        for domain in ["Page.enable", "Runtime.enable", "Log.enable", "Network.enable"] {
            _ = try await command(domain)
        }
        _ = try await command(
            "Emulation.setDeviceMetricsOverride",
            ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false]
        )
    }

    /// Sends `method` and waits for its answer.
    /// - Parameters:
    ///   - method: the DevTools protocol method.
    ///   - parameters: its parameters.
    ///   - session: whether the command goes to the page (true) or to the browser.
    /// - Returns: the answer's `result`.
    /// - Throws: ``HeadlessChromiumError`` when the command cannot be sent, chromium refuses it or no answer
    ///   comes in time.
    @discardableResult
    func command(
        _ method: String,
        _ parameters: [String: Any] = [:],
        session: Bool = true
    ) async throws -> [String: Any] {
        let id = try post(method, parameters, session: session)
        var answer: [String: Any]?
        try await waitUntil("the answer to \(method)") {
            answer = self.answers.removeValue(forKey: id)
            return answer != nil
        }
        if let error = answer?["error"] as? [String: Any] {
            throw HeadlessChromiumError("chromium refused \(method): \(error["message"] ?? error)")
        }
        return answer?["result"] as? [String: Any] ?? [:]
    }

    /// Sends `method` without waiting; returns its id.
    @discardableResult
    func post(_ method: String, _ parameters: [String: Any], session: Bool) throws -> Int {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if session, let sessionID { message["sessionId"] = sessionID }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        try data.withUnsafeBytes { raw in
            // `data` ends with the NUL just appended, so the buffer is never empty and has a base address.
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                // MSG_NOSIGNAL: a browser that died answers EPIPE instead of killing the test with SIGPIPE.
                let sent = send(socket, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    throw HeadlessChromiumError(
                        "cannot send \(method) to chromium: \(String(cString: strerror(errno)))"
                    )
                }
                offset += sent
            }
        }
        return id
    }

    /// Reads messages until `condition` holds, for at most ``timeout`` seconds.
    func waitUntil(_ what: String, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                throw HeadlessChromiumError("chromium gave no \(what) within \(timeout) s; stderr: \(stderrTail)")
            }
            try await readMessages(waitingAtMost: remaining)
        }
    }

    /// Waits up to `seconds` for bytes, then handles every complete message received.
    private func readMessages(waitingAtMost seconds: TimeInterval) async throws {
        // Never blocks: a test waiting on the browser must not hold one of the few threads of Swift's shared
        // task pool (two on a two-core machine), or in-process simulators and other tests starve.
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, 0)
        if ready < 0 {
            if errno == EINTR { return }
            throw HeadlessChromiumError("poll on the DevTools pipe failed: \(String(cString: strerror(errno)))")
        }
        guard ready > 0 else {
            try await Task.sleep(for: .milliseconds(min(max(seconds, 0.001), 0.01) * 1_000))
            return
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let count = recv(socket, &chunk, chunk.count, 0)
        if count < 0 {
            if errno == EINTR || errno == EAGAIN { return }
            throw HeadlessChromiumError("cannot read from chromium: \(String(cString: strerror(errno)))")
        }
        guard count > 0 else {
            throw HeadlessChromiumError("chromium closed the DevTools pipe (it exited); stderr: \(stderrTail)")
        }
        buffer.append(contentsOf: chunk[0..<count])
        while let end = buffer.firstIndex(of: 0) {
            let message = Data(buffer[buffer.startIndex..<end])
            buffer.removeSubrange(buffer.startIndex...end)
            guard let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any] else {
                throw HeadlessChromiumError("chromium sent a message that is not a JSON object")
            }
            handle(object)
        }
    }

    /// Keeps an answer for ``command(_:_:session:)``, or records what an event says about the page.
    private func handle(_ message: [String: Any]) {
        if let id = message["id"] as? Int {
            answers[id] = message
            return
        }
        guard let method = message["method"] as? String else { return }
        let parameters = message["params"] as? [String: Any] ?? [:]
        switch method {
        case "Page.loadEventFired":
            loaded = true
        case "Runtime.consoleAPICalled":
            let type = parameters["type"] as? String ?? ""
            guard type == "error" || type == "assert" else { return }
            let arguments = parameters["args"] as? [[String: Any]] ?? []
            let text = arguments.map { "\($0["value"] ?? $0["description"] ?? "?")" }.joined(separator: " ")
            consoleErrors.append("console.\(type): \(text)")
        case "Runtime.exceptionThrown":
            let details = parameters["exceptionDetails"] as? [String: Any] ?? [:]
            let exception = details["exception"] as? [String: Any] ?? [:]
            consoleErrors.append("uncaught: \(exception["description"] ?? details["text"] ?? "?")")
        case "Log.entryAdded":
            let entry = parameters["entry"] as? [String: Any] ?? [:]
            guard entry["level"] as? String == "error" else { return }
            consoleErrors.append("\(entry["source"] ?? "log"): \(entry["text"] ?? "?") \(entry["url"] ?? "")")
        case "Network.requestWillBeSent":
            let request = parameters["request"] as? [String: Any] ?? [:]
            let url = request["url"] as? String ?? "?"
            if url != pageURL && url != "about:blank" { requests.append(url) }
        default:
            return
        }
    }
}
