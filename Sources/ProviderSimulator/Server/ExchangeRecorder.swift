import Foundation
import HTTPTypes
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Writes every exchange the simulator answers, whole, as one JSON line in a file of its own inside the folder
/// named by `ORGANIZER_SYNC_SIMULATOR_RECORD_DIR`, for `Scripts/spec-check/validate.py` to judge against the
/// providers' official specs.
///
/// Each simulator (in-process or the `organizer-sync-simulator` child process) appends to
/// `simulator-<pid>-<random>.jsonl`, created 0600. A line holds the provider, method, path below the
/// provider prefix, query, request headers and body, status, response headers and body, the injected fault
/// and the spec-check exemption in force (``SimulatorKnobs/specCheckExemption``).
///
/// Nothing secret is written: `Authorization`, `Cookie` and `Set-Cookie` headers are left out, secret query
/// parameters are blanked, and the bodies of token endpoints (client secrets, refresh and access tokens) are
/// replaced by `"[redacted]"`.
final class ExchangeRecorder: Sendable {
    /// The environment variable naming the folder.
    static let environmentVariable = "ORGANIZER_SYNC_SIMULATOR_RECORD_DIR"

    static let secretHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]

    /// The open file; the lock also keeps lines from interleaving.
    private let descriptor: Mutex<Int32>

    /// Opens a new file in the folder the environment names, or returns nil when it names none.
    /// - Throws: ``ProviderSimulator/StartError`` naming the folder when the file cannot be created.
    static func fromEnvironment() throws -> ExchangeRecorder? {
        guard let folder = ProcessInfo.processInfo.environment[environmentVariable], !folder.isEmpty else {
            return nil
        }
        return try opening(folder: folder)
    }

    /// Opens a new file in `folder`.
    /// - Throws: ``ProviderSimulator/StartError`` naming the folder when the file cannot be created.
    static func opening(folder: String) throws -> ExchangeRecorder {
        let name = "simulator-\(getpid())-\(UUID().uuidString.prefix(8)).jsonl"
        let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw ProviderSimulator.StartError(
                description: "Cannot record exchanges in \(folder) (\(environmentVariable)): \(reason)."
            )
        }
        return ExchangeRecorder(descriptor: fd)
    }

    private init(descriptor: Int32) {
        self.descriptor = Mutex(descriptor)
    }

    deinit {
        descriptor.withLock { _ = close($0) }
    }

    /// Appends one exchange.
    /// - Parameters:
    ///   - request: What came in.
    ///   - headers: The request's headers.
    ///   - answer: The answer sent, or nil when the connection was dropped or left hanging.
    ///   - responseHeaders: The headers sent with it.
    ///   - fault: The fault injected, if any.
    ///   - exemption: Why the spec check should skip this exchange, if a test said so.
    func record(
        _ request: SimulatorRequest,
        headers: HTTPFields,
        answer: SimulatorResponse?,
        responseHeaders: HTTPFields,
        fault: String?,
        exemption: String?
    ) {
        let secretBodies = request.segments.contains { $0.hasSuffix("token") }
        var path =
            "/"
            + request.path.split(separator: "/", omittingEmptySubsequences: true)
            .dropFirst(request.provider == nil ? 0 : 1).joined(separator: "/")
        if request.path.hasSuffix("/") && path != "/" { path += "/" }
        let line = JSON.members([
            ("provider", JSON.optional(request.provider?.rawValue)),
            ("method", .string(request.method)),
            ("path", .string(path)),
            ("query", JSON.optional(SimulatorResponder.redacted(request.queryString))),
            ("request_headers", Self.object(headers)),
            ("request_body", Self.text(request.body, redacted: secretBodies)),
            ("status", answer.map { .int($0.status) } ?? .null),
            ("response_headers", Self.object(responseHeaders)),
            ("response_body", answer.map { Self.text($0.body, redacted: secretBodies) } ?? .null),
            ("fault", JSON.optional(fault)),
            ("exempt", JSON.optional(exemption)),
        ])
        var bytes = line.bytes
        bytes.append(UInt8(ascii: "\n"))
        descriptor.withLock { fd in
            bytes.withUnsafeBytes { buffer in
                // `bytes` ends with the newline just appended, so the buffer is never empty.
                guard let base = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count {
                    let written = write(fd, base + offset, buffer.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }

    private static func object(_ fields: HTTPFields) -> JSON {
        var members: [(String, JSON)] = []
        for field in fields where !secretHeaders.contains(field.name.canonicalName) {
            members.append((field.name.rawName, .string(field.value)))
        }
        return .object(members)
    }

    private static func text(_ body: [UInt8], redacted: Bool) -> JSON {
        if body.isEmpty { return .null }
        return redacted ? .string("[redacted]") : .string(String(decoding: body, as: UTF8.self))
    }
}
