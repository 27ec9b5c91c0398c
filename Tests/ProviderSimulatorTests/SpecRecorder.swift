import Foundation
import OrganizerSyncTestSupport
import Testing

/// Collects Zoom and Webex answers and checks them with `Scripts/spec-check/validate.py` against the official
/// specs, which are read from `$ORGANIZER_SYNC_SPECS_DIR` or `<repo>/../shared/providers/specs`.
actor SpecRecorder {
    private(set) var records: [[String: Any]] = []

    func record(method: String, prefixedPath: String, answer: HTTPAnswer) {
        let parts = prefixedPath.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
        guard let provider = parts.first.map(String.init), provider == "zoom" || provider == "webex" else { return }
        let path = "/" + (parts.count > 1 ? String(parts[1]) : "")
        // Token endpoints are not in the API specs.
        if path.hasPrefix("/oauth/") || path.hasPrefix("/v1/access_token") { return }
        records.append([
            "provider": provider, "method": method, "path": path, "status": answer.status,
            "headers": answer.headers, "body": answer.text,
        ])
    }

    func add(_ record: [String: Any]) { records.append(record) }

    var count: Int { records.count }

    /// The statuses recorded so far.
    func statuses() -> Set<Int> { Set(records.compactMap { $0["status"] as? Int }) }

    /// Runs the validator over the records.
    /// - Returns: Its exit status and output.
    func validate() async throws -> (status: Int32, output: String) {
        let file = try Self.write(records)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await Self.runValidator(arguments: [file.path])
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The folder holding `zoom-users.json` and `webex-admin.json`.
    static func specsDirectory() throws -> URL {
        let candidates = [
            ProcessInfo.processInfo.environment["ORGANIZER_SYNC_SPECS_DIR"].map { URL(fileURLWithPath: $0) },
            repositoryRoot.appendingPathComponent("../shared/providers/specs").standardizedFileURL,
        ].compactMap { $0 }
        for folder in candidates
        where FileManager.default.fileExists(atPath: folder.appendingPathComponent("zoom-users.json").path)
            && FileManager.default.fileExists(atPath: folder.appendingPathComponent("webex-admin.json").path)
        {
            return folder
        }
        let tried = candidates.map(\.path).joined(separator: ", ")
        Issue.record(
            "The official specs are missing (tried \(tried)); set ORGANIZER_SYNC_SPECS_DIR to the folder with zoom-users.json and webex-admin.json."
        )
        throw CocoaError(.fileNoSuchFile)
    }

    static func runValidator(records: [[String: Any]]) async throws -> (status: Int32, output: String) {
        let file = try write(records)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await runValidator(arguments: [file.path])
    }

    /// `records` as a JSON file of their own.
    private static func write(_ records: [[String: Any]]) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "spec-records-\(UUID().uuidString).json"
        )
        try JSONSerialization.data(withJSONObject: records).write(to: file)
        return file
    }

    /// Runs the validator over exchanges in the simulator's recording format (one JSON Lines file in a folder,
    /// as `ORGANIZER_SYNC_SIMULATOR_RECORD_DIR` collects them).
    static func runValidator(exchanges: [[String: Any]]) async throws -> (status: Int32, output: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "spec-exchanges-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = Data()
        for exchange in exchanges {
            lines.append(try JSONSerialization.data(withJSONObject: exchange))
            lines.append(0x0A)
        }
        try lines.write(to: folder.appendingPathComponent("simulator-test.jsonl"))
        return try await runValidator(arguments: ["--records-dir", folder.path])
    }

    private static func runValidator(arguments: [String]) async throws -> (status: Int32, output: String) {
        let specs = try specsDirectory()
        let result = try await runProcess(
            "python3",
            [repositoryRoot.appendingPathComponent("Scripts/spec-check/validate.py").path, "--specs", specs.path]
                + arguments,
            timeout: 120
        )
        return (result.status, result.stdout + result.stderr)
    }
}
