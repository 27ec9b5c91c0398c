import Foundation
public import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A swift-log handler that writes one JSON object per line to standard error, for log shippers and SIEMs
/// (`--log-format json`).
///
/// Every line has the keys `ts` (UTC, ISO 8601 with milliseconds), `level`, `logger` (the logger's label),
/// `source` (the module) and `msg`, and `error` when the event carries one (its description); the metadata follows as top-level keys (`run_id` on every line of a run,
/// `plan.file`, `provider.name`...). A metadata key that would replace one of those is written as `meta.KEY`.
/// Metadata goes through ``LogRedaction`` first, as it does for the text format.
public struct JSONLogHandler: LogHandler {
    /// The keys every line has; metadata never replaces them.
    public static let reservedKeys: Set<String> = ["ts", "level", "logger", "source", "msg", "error"]

    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable (String) -> Void

    /// A handler writing to standard error.
    /// - Parameters:
    ///   - label: the logger's label.
    ///   - level: the lowest level written.
    ///   - write: where each line goes (standard error unless a test says otherwise).
    public init(
        label: String,
        level: Logger.Level = .info,
        write: @escaping @Sendable (String) -> Void = JSONLogHandler.writeToStandardError
    ) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let metadata = event.metadata { merged.merge(metadata) { _, new in new } }
        write(Self.line(event: event, label: label, metadata: LogRedaction.redacted(merged), date: Date()))
    }

    /// The JSON line (without its newline) for one event.
    static func line(event: LogEvent, label: String, metadata: Logger.Metadata, date: Date) -> String {
        var object: [String: Any] = [
            "ts": date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)),
            "level": event.level.rawValue,
            "logger": label,
            "source": event.source,
            "msg": "\(event.message)",
        ]
        if let error = event.error { object["error"] = "\(error)" }
        for (key, value) in metadata {
            object[reservedKeys.contains(key) ? "meta.\(key)" : key] = json(value)
        }
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: options) else {
            return #"{"level":"error","msg":"a log line could not be encoded"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A metadata value as a JSON value: strings, lists and objects as such, anything else by its description.
    static func json(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(json)
        case .dictionary(let values): values.mapValues(json)
        }
    }

    /// Writes `line` and a newline to standard error in one `write(2)`, so lines from concurrent tasks never
    /// interleave.
    public static func writeToStandardError(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}

/// The one place log metadata is cleaned before any handler writes it, text or JSON.
///
/// Secrets are never handed to a logger (``Secret`` describes itself as `<redacted>`); as a second line of defence,
/// a metadata value under a key that names a secret (`password`, `secret`, `token`, `authorization`, `cookie`) is
/// replaced by `<redacted>` whatever it holds.
public enum LogRedaction {
    /// The words that mark a metadata key as holding a secret.
    static let secretWords = ["password", "secret", "token", "authorization", "cookie", "private_key"]

    /// `metadata` with every value under a secret-naming key replaced, at any depth.
    public static func redacted(_ metadata: Logger.Metadata) -> Logger.Metadata {
        metadata.reduce(into: [:]) { result, entry in result[entry.key] = redacted(entry.value, key: entry.key) }
    }

    static func redacted(_ value: Logger.MetadataValue, key: String) -> Logger.MetadataValue {
        let lowered = key.lowercased()
        if secretWords.contains(where: lowered.contains) { return "<redacted>" }
        switch value {
        case .dictionary(let values): return .dictionary(redacted(values))
        case .array(let values): return .array(values.map { redacted($0, key: key) })
        case .string, .stringConvertible: return value
        }
    }
}

/// Wraps a handler (swift-log's text `StreamLogHandler`) so that its metadata goes through ``LogRedaction`` too.
public struct RedactingLogHandler<Base: LogHandler>: LogHandler {
    private var base: Base

    /// Wraps `base`.
    public init(_ base: Base) { self.base = base }

    public var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        event.metadata = event.metadata.map(LogRedaction.redacted)
        var cleaned = base
        cleaned.metadata = LogRedaction.redacted(base.metadata)
        cleaned.log(event: event)
    }
}
