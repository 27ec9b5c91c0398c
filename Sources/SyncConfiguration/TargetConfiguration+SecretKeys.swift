public import OrganizerSyncCore

extension TargetConfiguration.Credentials {
    /// Every secret reference with the configuration key that names it, without its `_env`/`_file` suffix
    /// (`client_secret`), so that a secret that cannot be read can be reported by its key.
    public var namedSecrets: [(key: String, reference: SecretReference)] {
        func named(_ key: String, _ reference: SecretReference) -> (key: String, reference: SecretReference) {
            (key, reference)
        }
        var result: [(key: String, reference: SecretReference)] = []
        func add(_ value: TargetConfiguration.Value) {
            if case .reference(let reference) = value { result.append(named("client_id", reference)) }
        }
        switch self {
        case .gotoRefreshToken(let id, let secret, let token, _), .webexRefreshToken(let id, let secret, let token):
            add(id)
            result += [named("client_secret", secret), named("refresh_token", token)]
        case .gotoPersonalAccessToken(let id, let secret, let token, _):
            add(id)
            result += [named("client_secret", secret), named("personal_access_token", token)]
        case .zoomServerToServer(_, let id, let secret):
            add(id)
            result.append(named("client_secret", secret))
        case .webexServiceApp(_, _, let id, let secret, let token):
            add(id)
            result += [named("client_secret", secret), named("service_app.integration_token", token)]
        }
        return result
    }
}
