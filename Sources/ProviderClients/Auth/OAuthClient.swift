import Foundation
import NIOHTTP1
import OrganizerSyncCore

/// The token calls of the three providers.
///
/// Every secret is resolved here, at call time, and travels only
/// in a request body or an `Authorization` header; errors keep the OAuth `error` code and nothing else.
struct OAuthClient: Sendable {
    let http: ProviderHTTP
    let authBaseURL: String
    let credentials: ProviderCredentials

    /// The refresh token configured for the grant, if it uses one.
    private func configuredRefreshToken() throws -> Secret {
        switch credentials {
        case .gotoRefreshToken(_, _, let refreshToken), .webexRefreshToken(_, _, let refreshToken):
            try resolve(refreshToken)
        case .gotoPersonalAccessToken, .zoomServerToServer, .webexServiceApp:
            try missing("refresh token")
        }
    }

    /// Gets a new access token.
    /// - Parameter refreshToken: the newest refresh token known (rotated ones replace the configured one).
    /// - Returns: the access token and, when the provider rotated it, the new refresh token.
    /// - Throws: ``ProviderError`` when a credential is missing or cannot be read, or the token endpoint refuses.
    func fetch(refreshToken: Secret?) async throws -> TokenGrant {
        switch credentials {
        case .gotoRefreshToken(let clientID, let clientSecret, _):
            // GoTo: POST authentication.logmeininc.com/oauth/token, client credentials as HTTP Basic.
            let token = try refreshToken ?? configuredRefreshToken()
            return try await post(
                path: "/oauth/token",
                form: [("grant_type", "refresh_token"), ("refresh_token", token.value)],
                basic: (try resolve(clientID), try resolve(clientSecret))
            )
        case .gotoPersonalAccessToken(let clientID, let clientSecret, let pat):
            return try await post(
                path: "/oauth/token",
                form: [("grant_type", "personal_access_token"), ("pat", try resolve(pat).value)],
                basic: (try resolve(clientID), try resolve(clientSecret))
            )
        case .zoomServerToServer(let accountID, let clientID, let clientSecret):
            // Zoom S2S: no refresh token; a new token is simply requested again.
            return try await post(
                path: "/oauth/token",
                form: [("grant_type", "account_credentials"), ("account_id", accountID)],
                basic: (try resolve(clientID), try resolve(clientSecret))
            )
        case .webexRefreshToken(let clientID, let clientSecret, _):
            let token = try refreshToken ?? configuredRefreshToken()
            return try await webexRefresh(token, clientID: try resolve(clientID), secret: try resolve(clientSecret))
        case .webexServiceApp(let applicationID, let targetOrgID, let clientID, let clientSecret, let integration):
            let id = try resolve(clientID)
            let secret = try resolve(clientSecret)
            if let refreshToken {
                do {
                    return try await webexRefresh(refreshToken, clientID: id, secret: secret)
                } catch let error as ProviderError where error.code == .authenticationFailed {
                    // The Service App's refresh token expired (90 days unused): ask for a fresh pair.
                }
            }
            // POST /v1/applications/{applicationId}/token with an integration token holding
            // spark:applications_token; the answer carries a refresh token for later renewals.
            struct Body: Encodable { var clientId, clientSecret, targetOrgId: String }
            let body = try JSONCoding.encode(
                Body(clientId: id.value, clientSecret: secret.value, targetOrgId: targetOrgID)
            )
            var headers = HTTPHeaders()
            headers.add(name: "Authorization", value: "Bearer \(try resolve(integration).value)")
            let path = "/v1/applications/\(URLQuery.encode(applicationID))/token"
            return try await send(
                APIRequest(
                    "oauth.serviceAppToken",
                    .POST,
                    authBaseURL + path,
                    body: body,
                    headers: headers,
                    authentication: .none,
                    isIdempotent: true,
                    isRateLimited: false
                )
            )
        }
    }

    private func webexRefresh(_ token: Secret, clientID: Secret, secret: Secret) async throws -> TokenGrant {
        // Webex takes the client credentials in the form, not as HTTP Basic.
        try await post(
            path: "/v1/access_token",
            form: [
                ("grant_type", "refresh_token"), ("client_id", clientID.value), ("client_secret", secret.value),
                ("refresh_token", token.value),
            ],
            basic: nil
        )
    }

    private func post(path: String, form: [(String, String)], basic: (Secret, Secret)?) async throws -> TokenGrant {
        var headers = HTTPHeaders()
        if let (id, secret) = basic {
            let pair = Data("\(id.value):\(secret.value)".utf8).base64EncodedString()
            headers.add(name: "Authorization", value: "Basic \(pair)")
        }
        let request = APIRequest(
            "oauth.token",
            .POST,
            authBaseURL + path,
            body: Array(URLQuery.string(form).utf8),
            contentType: "application/x-www-form-urlencoded",
            headers: headers,
            authentication: .none,
            isIdempotent: true,
            isRateLimited: false
        )
        return try await send(request)
    }

    private func send(_ request: APIRequest) async throws -> TokenGrant {
        let response: TransportResponse
        do {
            response = try await http.send(request)
        } catch var error as ProviderError where [400, 401, 403].contains(error.httpStatus ?? 0) {
            // The token endpoint may echo what it was sent: keep only the OAuth `error` code.
            error.code = .authenticationFailed
            error.detail = nil
            throw error
        }
        let decoded = try JSONCoding.decode(
            TokenResponse.self,
            from: response.body,
            provider: http.provider,
            operation: request.operation
        )
        return decoded.grant
    }

    private func resolve(_ reference: SecretReference) throws -> Secret {
        do {
            return try reference.resolve()
        } catch {
            throw ProviderError(
                .configuration,
                provider: http.provider,
                operation: "oauth.token",
                detail: error.description,
                underlyingError: error
            )
        }
    }

    private func missing(_ what: String) throws -> Never {
        throw ProviderError(.configuration, provider: http.provider, operation: "oauth.token", detail: "no \(what)")
    }
}
