import Foundation

/// The three providers' OAuth token endpoints.
enum TokenEndpoints {
    /// GoTo `POST /oauth/token` (authentication.logmeininc.com): HTTP Basic client auth, `refresh_token` or
    /// `personal_access_token` grants.
    ///
    /// The answer carries `principal` but no account key (use `GET /me`).
    static func goto(_ request: SimulatorRequest, state: inout SimulatorState, now: Date) -> SimulatorResponse {
        let seed = state.seed.goto
        guard request.method == "POST" else {
            return ProviderErrors.oauth(405, provider: .goto, error: "invalid_request", "POST only")
        }
        guard let (id, secret) = request.basicCredentials, id == seed.clientId, secret == seed.clientSecret else {
            return ProviderErrors.oauth(401, provider: .goto, error: "invalid_client", "Bad client credentials")
        }
        let form = request.form
        var refresh: String?
        switch form["grant_type"] {
        case "refresh_token":
            guard let token = form["refresh_token"], state.refreshTokens[.goto]?.contains(token) == true else {
                return ProviderErrors.oauth(400, provider: .goto, error: "invalid_grant", "Invalid refresh token")
            }
            refresh = state.rotateRefreshToken(token, provider: .goto)
        case "personal_access_token":
            guard let pat = form["pat"], seed.personalAccessTokens.contains(pat) else {
                return ProviderErrors.oauth(
                    400,
                    provider: .goto,
                    error: "invalid_grant",
                    "Invalid personal access token"
                )
            }
        case nil:
            return ProviderErrors.oauth(400, provider: .goto, error: "invalid_request", "Missing grant_type")
        default:
            return ProviderErrors.oauth(400, provider: .goto, error: "unsupported_grant_type", "Unsupported grant type")
        }
        let (token, lifetime) = state.issueToken(for: .goto, scopes: seed.scopes, now: now)
        return .json(
            200,
            .members([
                ("access_token", .string(token)),
                ("token_type", .string("Bearer")),
                ("refresh_token", JSON.optional(refresh)),
                ("expires_in", .int(lifetime)),
                ("scope", .string(seed.scopes.joined(separator: " "))),
                ("principal", .string(seed.principal)),
            ])
        )
    }

    /// Zoom `POST /oauth/token` (zoom.us): Server-to-Server `grant_type=account_credentials&account_id=…`
    /// (form body or query, as Zoom accepts both) with HTTP Basic client auth; no refresh token.
    ///
    /// The user-OAuth
    /// `refresh_token` grant rotates: the refresh token used is replaced by a new one.
    static func zoom(_ request: SimulatorRequest, state: inout SimulatorState, now: Date) -> SimulatorResponse {
        let seed = state.seed.zoom
        guard request.method == "POST" else {
            return ProviderErrors.oauth(405, provider: .zoom, error: "invalid_request", "POST only")
        }
        guard let (id, secret) = request.basicCredentials, id == seed.clientId, secret == seed.clientSecret else {
            return ProviderErrors.oauth(
                401,
                provider: .zoom,
                error: "invalid_client",
                "Invalid client_id or client_secret"
            )
        }
        let params = request.query.merging(request.form) { _, form in form }
        var newRefresh: String?
        switch params["grant_type"] {
        case "account_credentials":
            guard params["account_id"] == seed.accountId else {
                return ProviderErrors.oauth(400, provider: .zoom, error: "invalid_request", "Invalid account_id")
            }
        case "refresh_token":
            guard let old = params["refresh_token"], state.refreshTokens[.zoom]?.contains(old) == true else {
                return ProviderErrors.oauth(400, provider: .zoom, error: "invalid_grant", "Invalid Token!")
            }
            let fresh = "zoom-rt-" + state.random.token(length: 32)
            state.refreshTokens[.zoom]?.remove(old)
            state.refreshTokens[.zoom]?.insert(fresh)
            newRefresh = fresh
        default:
            return ProviderErrors.oauth(400, provider: .zoom, error: "unsupported_grant_type", "Unsupported grant type")
        }
        let (token, lifetime) = state.issueToken(for: .zoom, scopes: seed.scopes, now: now)
        return .json(
            200,
            .members([
                ("access_token", .string(token)),
                ("token_type", .string("bearer")),
                ("refresh_token", JSON.optional(newRefresh)),
                ("expires_in", .int(lifetime)),
                ("scope", .string(seed.scopes.joined(separator: " "))),
            ])
        )
    }

    /// Webex `POST /v1/access_token`: `grant_type=refresh_token&client_id&client_secret&refresh_token` (form).
    ///
    /// The integration's or the Service App's client credentials are accepted.
    static func webexAccessToken(
        _ request: SimulatorRequest,
        state: inout SimulatorState,
        now: Date
    ) -> SimulatorResponse {
        let seed = state.seed.webex
        let form = request.form
        let clients =
            [(seed.clientId, seed.clientSecret)] + (seed.serviceApp.map { [($0.clientId, $0.clientSecret)] } ?? [])
        guard clients.contains(where: { $0.0 == form["client_id"] && $0.1 == form["client_secret"] }) else {
            return ProviderErrors.webex(401, "Invalid client_id or client_secret.", trackingId: request.trackingId)
        }
        guard form["grant_type"] == "refresh_token" else {
            return ProviderErrors.webex(400, "Unsupported grant_type.", trackingId: request.trackingId)
        }
        guard let used = form["refresh_token"], state.refreshTokens[.webex]?.contains(used) == true else {
            return ProviderErrors.webex(400, "Invalid refresh token.", trackingId: request.trackingId)
        }
        let refresh = state.rotateRefreshToken(used, provider: .webex)
        return webexTokenAnswer(refresh: refresh, scopes: seed.scopes, includeScope: true, state: &state, now: now)
    }

    /// Webex `POST /v1/applications/{applicationId}/token`: an integration token with scope
    /// `spark:applications_token` trades the Service App's `clientId`, `clientSecret` and `targetOrgId` for a
    /// Service App token.
    static func webexServiceApp(
        _ request: SimulatorRequest,
        applicationId: String,
        state: inout SimulatorState,
        now: Date
    ) -> SimulatorResponse {
        if let refusal = state.authorize(request, provider: .webex, anyOf: ["spark:applications_token"], now: now) {
            return refusal
        }
        let seed = state.seed.webex
        guard let app = seed.serviceApp, app.applicationId == applicationId else {
            return ProviderErrors.webex(404, "Application not found.", trackingId: request.trackingId)
        }
        let body = request.json
        guard let clientId = body?["clientId"]?.stringValue, let secret = body?["clientSecret"]?.stringValue,
            let org = body?["targetOrgId"]?.stringValue
        else {
            return ProviderErrors.webex(
                400,
                "clientId, clientSecret and targetOrgId are required.",
                trackingId: request.trackingId
            )
        }
        guard clientId == app.clientId, secret == app.clientSecret else {
            return ProviderErrors.webex(401, "Invalid clientId or clientSecret.", trackingId: request.trackingId)
        }
        guard org == seed.accountId else {
            return ProviderErrors.webex(
                403,
                "The Service App is not authorized for this organization.",
                trackingId: request.trackingId
            )
        }
        let refresh = "webex-sa-rt-" + state.random.token(length: 40)
        state.refreshTokens[.webex]?.insert(refresh)
        // The spec's answer has no `scope` member.
        let scopes = seed.scopes.filter { $0 != "spark:applications_token" }
        return webexTokenAnswer(refresh: refresh, scopes: scopes, includeScope: false, state: &state, now: now)
    }

    private static func webexTokenAnswer(
        refresh: String,
        scopes: [String],
        includeScope: Bool,
        state: inout SimulatorState,
        now: Date
    ) -> SimulatorResponse {
        let (token, lifetime) = state.issueToken(for: .webex, scopes: scopes, now: now)
        return .json(
            200,
            .members([
                ("access_token", .string(token)),
                ("expires_in", .int(lifetime)),
                ("refresh_token", .string(refresh)),
                ("refresh_token_expires_in", .int(7_776_000)),
                ("token_type", .string("Bearer")),
                ("scope", includeScope ? .string(scopes.joined(separator: " ")) : nil),
            ])
        )
    }
}
