import Foundation
import ProviderSimulator
import Testing

/// The simulator's exchange records (what the spec check judges) hold each exchange whole, and no secret.
@Suite("Exchange recording")
struct ExchangeRecordingTests {
    @Test("Requests and answers are recorded whole; tokens, secrets and Authorization are not")
    func recordsWithoutSecrets() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let simulator = try await ProviderSimulator.start(seed: .demo, recordDirectory: folder.path)
        let http = SimulatorHTTP(simulator)
        let zoom = try await http.zoomToken()
        let webex = try await http.webexToken()
        try await http.send("GET", "/zoom/v2/users?page_size=5", token: zoom)
        try await http.send("PATCH", "/zoom/v2/users/alan.turing@example.com", token: zoom, json: ["dept": "Ops"])
        try await http.send("GET", "/webex/v1/people?max=2", token: webex)
        try await simulator.shutdown()

        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count == 1 && files[0].hasSuffix(".jsonl"))
        let path = folder.appendingPathComponent(files[0]).path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let records = text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(records.count == 5)
        let patch = try #require(records.first { $0["method"] as? String == "PATCH" })
        #expect(
            patch["provider"] as? String == "zoom" && patch["path"] as? String == "/v2/users/alan.turing@example.com"
        )
        #expect(patch["request_body"] as? String == #"{"dept":"Ops"}"#)
        #expect(patch["status"] as? Int == 204)
        let list = try #require(records.first { ($0["query"] as? String) == "max=2" })
        #expect((list["response_body"] as? String)?.contains("\"items\"") == true)
        #expect((list["response_headers"] as? [String: String])?["TrackingID"] != nil)
        let seed = SimulatorSeed.demo
        for secret in [
            zoom, webex, seed.zoom.clientSecret, seed.webex.clientSecret, seed.webex.refreshTokens[0], "Bearer ",
            "Basic ", "zoom-at-", "webex-at-",
        ] {
            #expect(!text.contains(secret), "the records hold a secret (\(secret.prefix(6))…)")
        }
    }
}
