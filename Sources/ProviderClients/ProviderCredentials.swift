public import OrganizerSyncCore

/// How a client gets its access tokens.
///
/// Every secret is a reference, read when the first token is needed.
public enum ProviderCredentials: Sendable, Hashable {
    /// GoTo OAuth `refresh_token` grant at `authentication.logmeininc.com/oauth/token`, with the client id
    /// and secret as HTTP Basic. A rotated refresh token in the answer replaces the configured one.
    case gotoRefreshToken(clientID: SecretReference, clientSecret: SecretReference, refreshToken: SecretReference)
    /// GoTo OAuth `personal_access_token` grant (`pat=`), the headless choice for an admin-run connector.
    case gotoPersonalAccessToken(
        clientID: SecretReference,
        clientSecret: SecretReference,
        personalAccessToken: SecretReference
    )
    /// Zoom Server-to-Server OAuth: `grant_type=account_credentials&account_id=`; no refresh token, a new
    /// token is requested when the old one nears its end.
    case zoomServerToServer(accountID: String, clientID: SecretReference, clientSecret: SecretReference)
    /// Webex integration: `grant_type=refresh_token` at `/v1/access_token`, client id and secret in the form.
    case webexRefreshToken(clientID: SecretReference, clientSecret: SecretReference, refreshToken: SecretReference)
    /// Webex Service App: `POST /v1/applications/{applicationId}/token` with an integration token holding
    /// `spark:applications_token`; the answer's refresh token then renews through `/v1/access_token`.
    case webexServiceApp(
        applicationID: String,
        targetOrgID: String,
        clientID: SecretReference,
        clientSecret: SecretReference,
        integrationToken: SecretReference
    )
}
