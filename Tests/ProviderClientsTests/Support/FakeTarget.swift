import Foundation
import Logging
import NIOHTTP1
import OrganizerSyncCore
import OrganizerSyncTestSupport
import ProviderClients
import Synchronization

/// A provider client over a closure transport, with the requests it sent, its logs and its clock.
struct FakeTarget {
    /// The secrets the fake credentials hold; no log line or error may contain any of them.
    static let secrets = ["client-id-S3CRET", "client-secret-S3CRET", "refresh-S3CRET", "rotated-S3CRET"]

    let client: any MeasuredAccountProvider
    let clock: TestClock
    let recorder: RequestRecorder
    let logs: InMemoryLogHandler.Store

    /// Answers token calls itself (tokens `token-1`, `token-2`…, rotating the refresh token when
    /// `rotate` is set) and passes every API call to `handler`.
    init(
        _ kind: ProviderKind,
        rotate: Bool = false,
        retry: ProviderConfiguration.RetryPolicy = .init(),
        onRotation: (@Sendable (String, Secret) -> Void)? = nil,
        handler: @escaping @Sendable (TransportRequest, Int) async throws -> TransportResponse
    ) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("conn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func secret(_ name: String, _ value: String) throws -> SecretReference {
            let path = directory.appendingPathComponent(name).path
            try SecretFiles.save(value + "\n", to: path)
            return .file(path)
        }
        let id = try secret("id", Self.secrets[0])
        let clientSecret = try secret("secret", Self.secrets[1])
        let refresh = try secret("refresh", Self.secrets[2])
        let credentials: ProviderCredentials =
            switch kind {
            case .goto: .gotoRefreshToken(clientID: id, clientSecret: clientSecret, refreshToken: refresh)
            case .zoom: .zoomServerToServer(accountID: "acct", clientID: id, clientSecret: clientSecret)
            case .webex: .webexRefreshToken(clientID: id, clientSecret: clientSecret, refreshToken: refresh)
            }
        let configuration = ProviderConfiguration(
            targetName: "\(kind)-test",
            kind: kind,
            credentials: credentials,
            apiBaseURL: "https://api.test",
            authBaseURL: "https://auth.test",
            rateLimit: .init(requestsPerSecond: 1000, burst: 100),
            retry: retry,
            gotoAccountKey: "4242",
            refreshTokenDidRotate: onRotation
        )
        let recorder = RequestRecorder()
        let tokenCount = Mutex(0)
        let transport = ClosureTransport { request in
            let index = recorder.record(request)
            if request.url.hasPrefix("https://auth.test") {
                let number = tokenCount.withLock {
                    $0 += 1
                    return $0
                }
                let refreshed = rotate ? ", \"refresh_token\": \"\(Self.secrets[3])\"" : ""
                return TransportResponse(
                    status: 200,
                    text: "{\"access_token\": \"token-\(number)\", \"expires_in\": 3600\(refreshed), \"scope\": \"x\"}"
                )
            }
            return try await handler(request, index)
        }
        let (logger, logs) = InMemoryLogHandler.logger()
        let clock = TestClock()
        self.client = makeMeasuredAccountProvider(configuration, transport: transport, clock: clock, logger: logger)
        self.clock = clock
        self.recorder = recorder
        self.logs = logs
    }

    /// API requests (token calls left out).
    var apiRequests: [TransportRequest] { recorder.all.filter { !$0.url.hasPrefix("https://auth.test") } }
    /// Token calls.
    var tokenRequests: [TransportRequest] { recorder.all.filter { $0.url.hasPrefix("https://auth.test") } }

    /// Whether any log line holds any secret or any issued token.
    func logsLeakSecrets() -> Bool {
        logs.all.contains { line in (Self.secrets + ["token-1", "token-2"]).contains { line.contains($0) } }
    }
}

/// Every request a fake transport saw.
final class RequestRecorder: Sendable {
    private let requests = Mutex<[TransportRequest]>([])

    /// Records a request; returns how many requests came before it.
    func record(_ request: TransportRequest) -> Int {
        requests.withLock {
            $0.append(request)
            return $0.count - 1
        }
    }

    var all: [TransportRequest] { requests.withLock { $0 } }
}

extension TransportRequest {
    /// The body as text.
    var text: String { String(decoding: body ?? [], as: UTF8.self) }
}

/// A JSON answer.
func json(_ status: Int, _ text: String, headers: [(String, String)] = []) -> TransportResponse {
    TransportResponse(status: status, headers: HTTPHeaders(headers), text: text)
}
