import Foundation

/// A request as the simulator's API handlers see it: provider, path segments, query, credentials and body.
struct SimulatorRequest: Sendable {
    var method: String
    /// Full path, provider prefix included.
    var path: String
    /// The provider named by the path prefix.
    var provider: SimulatorProvider?
    /// Path segments after the provider prefix (`["v2", "users", "abc"]`).
    var segments: [String]
    /// The raw query string.
    var queryString: String?
    /// Query parameters, percent-decoded (`+` stays a plus sign, as RFC 3986 says; GoTo's filter quirk follows).
    var query: [String: String]
    /// The `Authorization` header.
    var authorization: String?
    /// The request body.
    var body: [UInt8]
    /// The Webex tracking id given to this request.
    var trackingId: String

    init(method: String, path: String, queryString: String?, authorization: String?, body: [UInt8], trackingId: String)
    {
        self.method = method
        self.path = path
        self.queryString = queryString
        self.authorization = authorization
        self.body = body
        self.trackingId = trackingId
        self.query = Self.decodePairs(queryString ?? "", plusIsSpace: false)
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map {
            Self.percentDecode($0, plusIsSpace: false)
        }
        if let first = parts.first, let provider = SimulatorProvider(rawValue: first) {
            self.provider = provider
            parts.removeFirst()
        } else {
            self.provider = nil
        }
        self.segments = parts
    }

    /// Whether this is a page of an account listing: GoTo `GET /admin/rest/v1/accounts/{key}/users` without
    /// a filter, Zoom `GET /v2/users`, Webex `GET /v1/people` without `id` or `email`.
    var isListing: Bool {
        guard method == "GET", let provider else { return false }
        switch provider {
        case .goto: return segments.count == 6 && segments.last == "users" && query["filter"] == nil
        case .zoom: return segments == ["v2", "users"]
        case .webex: return segments == ["v1", "people"] && query["id"] == nil && query["email"] == nil
        }
    }

    /// The body parsed as JSON, or nil if empty or malformed.
    var json: JSON? {
        guard !body.isEmpty else { return nil }
        return try? JSONDecoder().decode(JSON.self, from: Data(body))
    }

    /// The body parsed as `application/x-www-form-urlencoded`.
    var form: [String: String] { Self.decodePairs(String(decoding: body, as: UTF8.self), plusIsSpace: true) }

    /// The bearer token, if the `Authorization` header carries one.
    var bearerToken: String? {
        guard let header = authorization, header.lowercased().hasPrefix("bearer ") else { return nil }
        return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }

    /// The `(user, password)` of HTTP Basic authorisation, if present.
    var basicCredentials: (String, String)? {
        guard let header = authorization, header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    static func decodePairs(_ text: String, plusIsSpace: Bool) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = percentDecode(parts[0], plusIsSpace: plusIsSpace)
            result[key] = parts.count > 1 ? percentDecode(parts[1], plusIsSpace: plusIsSpace) : ""
        }
        return result
    }

    static func percentDecode(_ text: Substring, plusIsSpace: Bool) -> String {
        let source = plusIsSpace ? text.replacingOccurrences(of: "+", with: " ") : String(text)
        return source.removingPercentEncoding ?? source
    }
}

/// A response built by an API handler.
struct SimulatorResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response.
    static func json(_ status: Int, _ value: JSON, headers: [(String, String)] = []) -> SimulatorResponse {
        SimulatorResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: value.bytes)
    }

    /// A response without a body.
    static func empty(_ status: Int) -> SimulatorResponse { SimulatorResponse(status: status) }
}
