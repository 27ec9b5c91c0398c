import Foundation
import ProviderSimulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP answer from the simulator.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}

/// A small HTTP client for the tests, recording Zoom and Webex answers for the spec check.
struct SimulatorHTTP: Sendable {
    let simulator: ProviderSimulator
    let recorder: SpecRecorder?
    let session: URLSession

    init(_ simulator: ProviderSimulator, recorder: SpecRecorder? = nil, timeout: TimeInterval = 10) {
        self.simulator = simulator
        self.recorder = recorder
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        self.session = URLSession(configuration: configuration)
    }

    /// Sends a request to `path`, with the provider prefix (for example `/zoom/v2/users`).
    @discardableResult
    func send(
        _ method: String,
        _ path: String,
        token: String? = nil,
        json: Any? = nil,
        form: [String: String]? = nil,
        basic: (String, String)? = nil
    ) async throws -> HTTPAnswer {
        try await send(method, url: simulator.baseURL + path, token: token, json: json, form: form, basic: basic)
    }

    /// Sends a request to an absolute URL (such as a Webex `Link` next URL).
    func send(
        _ method: String,
        url: String,
        token: String? = nil,
        json: Any? = nil,
        form: [String: String]? = nil,
        basic: (String, String)? = nil
    ) async throws -> HTTPAnswer {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let basic {
            let encoded = Data("\(basic.0):\(basic.1)".utf8).base64EncodedString()
            request.setValue("Basic \(encoded)", forHTTPHeaderField: "Authorization")
        }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let form {
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
            request.httpBody = Data(
                form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
                    .joined(separator: "&").utf8
            )
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers["\(key)"] = "\(value)" }
        let answer = HTTPAnswer(status: http.statusCode, headers: headers, body: data)
        if let recorder {
            let path = String(url.dropFirst(simulator.baseURL.count))
            await recorder.record(method: method, prefixedPath: path, answer: answer)
        }
        return answer
    }

    /// A session for plain requests outside a simulator instance.
    static var plainSession: URLSession { URLSession(configuration: .ephemeral) }

    // MARK: Tokens with the demo credentials

    /// The access token a `POST` of `form` to the token endpoint `path` answers with.
    private func accessToken(
        _ path: String,
        form: [String: String],
        basic: (String, String)? = nil
    ) async throws
        -> String
    {
        try await send("POST", path, form: form, basic: basic).object["access_token"] as! String
    }

    /// `POST path` with a refresh-token grant of `credentials`' first refresh token and their client in Basic.
    func refreshGrant(_ path: String, _ credentials: ProviderSeed) async throws -> HTTPAnswer {
        try await send(
            "POST",
            path,
            form: ["grant_type": "refresh_token", "refresh_token": credentials.refreshTokens[0]],
            basic: (credentials.clientId, credentials.clientSecret)
        )
    }

    func zoomToken() async throws -> String {
        let seed = SimulatorSeed.demo.zoom
        let form = ["grant_type": "account_credentials", "account_id": seed.accountId]
        return try await accessToken("/zoom/oauth/token", form: form, basic: (seed.clientId, seed.clientSecret))
    }

    func webexToken() async throws -> String {
        let seed = SimulatorSeed.demo.webex
        let form = [
            "grant_type": "refresh_token", "client_id": seed.clientId, "client_secret": seed.clientSecret,
            "refresh_token": seed.refreshTokens[0],
        ]
        return try await accessToken("/webex/v1/access_token", form: form)
    }

    func gotoToken() async throws -> String {
        let seed = SimulatorSeed.demo.goto
        let form = ["grant_type": "personal_access_token", "pat": seed.personalAccessTokens[0]]
        return try await accessToken("/goto/oauth/token", form: form, basic: (seed.clientId, seed.clientSecret))
    }
}
