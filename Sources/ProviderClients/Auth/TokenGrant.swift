import OrganizerSyncCore

/// What a token endpoint answered.
struct TokenGrant: Sendable {
    /// The access token.
    var accessToken: Secret
    /// Its lifetime in seconds; `nil` when the answer did not say (then one hour is assumed).
    var expiresIn: Int?
    /// A new refresh token, when the provider rotated it.
    var refreshToken: Secret?
}

/// The JSON answer of every OAuth token endpoint used here (RFC 6749 §5.1, and Webex Service Apps).
///
/// Unknown fields (`scope`, `principal`, `token_type`, `refresh_token_expires_in`) are ignored; `expires_in`
/// is tolerated as a string, as some gateways send it.
struct TokenResponse: Decodable {
    var accessToken: String
    var expiresIn: FlexibleString?
    var refreshToken: String?

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case expiresIn = "expires_in"
        case refreshToken = "refresh_token"
    }

    var grant: TokenGrant {
        TokenGrant(
            accessToken: Secret(accessToken),
            expiresIn: expiresIn.flatMap { Int($0.value) },
            refreshToken: refreshToken.map(Secret.init)
        )
    }
}

/// An OAuth error answer (`{"error":"invalid_grant","error_description":"…"}`); only `error` is kept in
/// errors, because descriptions can echo what was sent.
struct OAuthErrorResponse: Decodable {
    var error: String?
}
