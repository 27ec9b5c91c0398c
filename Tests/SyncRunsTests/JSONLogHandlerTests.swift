import Foundation
import Logging
import OrganizerSyncCore
import Synchronization
import Testing

/// The JSON log handler and the redaction text and JSON logs share.
@Suite struct JSONLogHandlerTests {
    /// Collects the lines a handler writes.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    static func logger(_ lines: Lines) -> Logger {
        var logger = Logger(label: "organizer-sync") { label in
            JSONLogHandler(label: label, level: .trace) { lines.append($0) }
        }
        logger[metadataKey: "run_id"] = "20261203T141000Z-3f9c"
        return logger
    }

    @Test("One parseable object per line, with ts, level, logger, source, msg, run_id and the metadata")
    func linesParse() throws {
        let lines = Lines()
        let logger = Self.logger(lines)
        logger.info("plan written", metadata: ["plan.file": "plan.json", "count": "3"])
        logger.warning(
            "line\nbreak \"quoted\" \u{2028} ✓",
            metadata: ["msg": "collides", "nested": ["a": ["b", "c"]]]
        )
        #expect(lines.all.count == 2)
        let objects = try lines.all.map { line in
            #expect(!line.contains("\n"))
            return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        for object in objects {
            for key in ["ts", "level", "logger", "source", "msg", "run_id"] { #expect(object[key] is String, "\(key)") }
            #expect(object["run_id"] as? String == "20261203T141000Z-3f9c")
        }
        #expect(objects[0]["plan.file"] as? String == "plan.json")
        #expect(objects[0]["level"] as? String == "info")
        #expect(objects[1]["msg"] as? String == "line\nbreak \"quoted\" \u{2028} ✓")
        #expect(objects[1]["meta.msg"] as? String == "collides")
        #expect((objects[1]["nested"] as? [String: [String]])?["a"] == ["b", "c"])
        let ts = try #require(objects[0]["ts"] as? String)
        #expect(ts.hasSuffix("Z") && ts.contains("T") && ts.contains("."), "UTC with milliseconds: \(ts)")
    }

    @Test("A value under a key that names a secret is redacted, at any depth, in JSON and text logs alike")
    func secretsRedacted() throws {
        let lines = Lines()
        var logger = Self.logger(lines)
        logger[metadataKey: "client_secret"] = "s3cr3t-value"
        logger.info(
            "token request",
            metadata: [
                "http.authorization": "Bearer abc123",
                "refresh_token": "rt-value",
                "request": ["headers": ["Cookie": "session=xyz"]],
                "provider.name": "zoom",
            ]
        )
        let line = try #require(lines.all.first)
        for secret in ["s3cr3t-value", "abc123", "rt-value", "session=xyz"] { #expect(!line.contains(secret)) }
        #expect(line.contains(#""provider.name":"zoom""#))
        #expect(line.contains(#""client_secret":"<redacted>""#))

        // The text format: swift-log's StreamLogHandler behind RedactingLogHandler, as GlobalOptions sets it up.
        let captured = Lines()
        var text = Logger(label: "organizer-sync") { _ in RedactingLogHandler(Capture(lines: captured)) }
        text[metadataKey: "bind_password"] = "hunter2"
        text.warning("bind", metadata: ["auth": ["token": "tok-1"], "ldap.url": "ldap://x"])
        let textLine = try #require(captured.all.first)
        #expect(!textLine.contains("hunter2") && !textLine.contains("tok-1"))
        #expect(textLine.contains("ldap://x"))

        let cleaned = LogRedaction.redacted(["password": "hunter2", "ldap.base_dn": "dc=example"])
        #expect("\(cleaned["password"] ?? "")" == "<redacted>")
        #expect("\(cleaned["ldap.base_dn"] ?? "")" == "dc=example")
    }

    /// A handler that writes its metadata as text, to see what RedactingLogHandler hands on.
    struct Capture: LogHandler {
        let lines: Lines
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            lines.append("\(event.message) \(metadata.merging(event.metadata ?? [:]) { $1 })")
        }
    }
}
