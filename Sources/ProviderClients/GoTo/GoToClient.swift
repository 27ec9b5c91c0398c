import NIOHTTP1
public import OrganizerSyncCore

/// The GoTo Admin API (`https://api.getgo.com/admin/rest/v1`) as an ``AccountProvider``.
///
/// Quirks handled: the account key comes from `GET /me` (the new token host no longer returns it); user
/// keys exceed 64 bits and are kept as strings; there is no suspend call, so suspend removes the user's
/// licences and remembers them for reactivate; create answers with conflicting existing users as well.
public struct GoToClient: CoreBackedClient {
    let core: ClientCore
    let accountKey: LazyValue<String>
    /// Licences removed by ``suspend(_:)``, by user key, for ``reactivate(_:)``.
    let suspendedLicences: SuspendedLicences

    init(core: ClientCore) {
        self.core = core
        self.accountKey = LazyValue(core.configuration.gotoAccountKey)
        self.suspendedLicences = SuspendedLicences()
    }

    public var kind: ProviderKind { .goto }

    /// The Admin API root, `{apiBaseURL}/admin/rest/v1`.
    var adminURL: String { core.apiBaseURL + "/admin/rest/v1" }

    /// `{adminURL}/accounts/{accountKey}`, reading the key from `GET /me` on first use.
    func accountURL() async throws -> String {
        let http = core.http
        let url = adminURL + "/me"
        let key = try await accountKey.get {
            try await http.send(APIRequest("me.get", .GET, url), decoding: GoToMe.self).accountKey.value
        }
        return adminURL + "/accounts/" + URLQuery.encode(key)
    }
}

/// Licences taken away by a GoTo suspend, kept so that reactivate can give the same ones back.
actor SuspendedLicences {
    private var byUserKey: [String: [String]] = [:]

    func remember(_ licences: [String], for userKey: String) { byUserKey[userKey] = licences }
    func recall(_ userKey: String) -> [String]? { byUserKey[userKey] }
    func forget(_ userKey: String) { byUserKey[userKey] = nil }
}
