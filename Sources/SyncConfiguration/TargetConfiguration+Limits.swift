public import OrganizerSyncCore

extension TargetConfiguration {
    /// Bounds on a target's listings and retries; `nil` means the client's default.
    public struct Limits: Sendable, Hashable {
        /// The most pages one listing may take (`list_max_pages`).
        public var listMaxPages: Int?
        /// The longest one listing may take, in seconds (`list_deadline_seconds`).
        public var listDeadlineSeconds: Double?
        /// The longest time spent retrying one call, in seconds (`retry_budget_seconds`).
        public var retryBudgetSeconds: Double?

        /// Creates limits.
        public init(listMaxPages: Int? = nil, listDeadlineSeconds: Double? = nil, retryBudgetSeconds: Double? = nil) {
            self.listMaxPages = listMaxPages
            self.listDeadlineSeconds = listDeadlineSeconds
            self.retryBudgetSeconds = retryBudgetSeconds
        }
    }

    /// Zoom's `POST /users` `action`, per the Users API spec: `create` (the user gets an invitation and
    /// stays pending until they accept), `autoCreate` (a managed-domain user, active at once), `custCreate`
    /// (an API user without a password, no sign-in) and `ssoCreate` (an SSO user, active at first sign-in).
    public enum ZoomCreateAction: String, Sendable, Hashable, CaseIterable {
        case create, autoCreate, custCreate, ssoCreate
    }

    /// The largest listing page size each provider's contract allows: Zoom `GET /users` `page_size`
    /// maximum 2000 (zoom-users.json); GoTo `pageSize` 1000 (no spec; the most one Admin page holds per
    /// the clients PROVIDER-APIS.md cites as S-G15); Webex `max` has no declared maximum (the service
    /// lowers a larger value), 1000 here.
    public static func maximumPageSize(for provider: ProviderKind) -> Int {
        switch provider {
        case .zoom: 2000
        case .goto: 1000
        case .webex: 1000
        }
    }
}
