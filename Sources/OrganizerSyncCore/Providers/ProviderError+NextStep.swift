extension ProviderError {
    /// What the operator can do about this kind of failure, appended to ``description``; empty when the caller
    /// handles the failure itself (a 404 on a delete counts as done).
    public var nextStep: String {
        switch code {
        case .configuration:
            "check the target's credentials: section and its secret files (organizer-sync validate names them)"
        case .authenticationFailed:
            "the token endpoint refused the credentials: check client id, client secret and refresh token, then "
                + "run organizer-sync validate"
        case .unauthorized:
            "the provider refused the access token: check that the app is activated and its credentials are current"
        case .forbidden:
            "the app lacks a scope or an admin role this call needs: grant it in the provider's admin console"
        case .conflict:
            "the provider holds a conflicting account or value: see the account with organizer-sync accounts"
        case .invalidRequest:
            "the provider refused the values sent: check the mapping's fields and licences for this target"
        case .rateLimited:
            "the provider's rate limit or daily quota is spent: run again later, or lower rate_limit"
        case .serverError:
            "the provider failed: run again later; quote the tracking id to the provider's support if it persists"
        case .timedOut:
            "no answer in time: check the network path to the host, or raise timeout_seconds"
        case .connectionFailed:
            "check api_base_url and auth_base_url, DNS, the firewall and any proxy"
        case .invalidResponse, .unexpectedStatus:
            "the answer is not what the provider documents: run again; report it with the tracking id if it persists"
        case .incompleteListing:
            "nothing was planned on a partial listing: run again; raise list_max_pages or list_deadline_seconds if "
                + "the tenant is that large"
        case .refusedURL, .unknownEndpoint:
            "check api_base_url: it must be the provider's API root (no redirects, the documented API version)"
        default:
            ""
        }
    }
}
