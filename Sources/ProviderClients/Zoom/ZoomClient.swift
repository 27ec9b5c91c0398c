public import OrganizerSyncCore

/// The Zoom Users API v2 (`https://api.zoom.us/v2`) as an ``AccountProvider``.
///
/// Quirks handled: active, inactive and pending users are listed separately (`status=` defaults to active
/// only); pending users have no id and are addressed by email; `next_page_token` expires after 15 minutes,
/// so an expired cursor restarts that list; `DELETE /users/{id}` disassociates unless `action=delete`;
/// `PUT /users/{id}/status` answers 200 per the spec and 204 in older docs, so any 2xx is success; the
/// daily-limit 429 carries an ISO-8601 `Retry-After`.
public struct ZoomClient: CoreBackedClient {
    let core: ClientCore

    public var kind: ProviderKind { .zoom }

    /// `{apiBaseURL}/v2/users`.
    var usersURL: String { core.apiBaseURL + "/v2/users" }

    /// The URL of one user: by id, or by email for pending users, which have no id (Zoom accepts either).
    func userURL(_ account: ProviderAccount) -> String {
        usersURL + "/" + URLQuery.encode(account.id ?? account.email)
    }
}
