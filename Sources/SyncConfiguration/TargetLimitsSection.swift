import OrganizerSyncCore

/// Decodes a target's transport keys: `page_size` against the provider's maximum, `allow_insecure_http`,
/// the listing bounds, the retry budget and Zoom's `create_action`.
///
/// ```yaml
///     page_size: 300                 # Zoom at most 2000, GoTo and Webex at most 1000
///     allow_insecure_http: true      # only for the simulator on loopback; warned about on every run
///     list_max_pages: 5000
///     list_deadline_seconds: 1800
///     retry_budget_seconds: 20
///     create_action: ssoCreate       # Zoom only: create | autoCreate | custCreate | ssoCreate
/// ```
enum TargetLimitsSection {
    /// `page_size`, refused above the provider's maximum with the maximum named.
    static func pageSize(_ entry: ConfigMapping, provider: ProviderKind) throws(ConfigurationError) -> Int? {
        guard let size = try entry.int("page_size", in: 1...Int.max) else { return nil }
        let maximum = TargetConfiguration.maximumPageSize(for: provider)
        guard size <= maximum else {
            throw entry.error(
                "page_size",
                "\(provider)'s contract allows at most \(maximum) accounts per page, got \(size)"
            )
        }
        return size
    }

    /// Reads the keys into `target`; `http://` base URLs are refused unless `allow_insecure_http` is true.
    static func apply(_ entry: ConfigMapping, to target: inout TargetConfiguration) throws(ConfigurationError) {
        target.allowInsecureHTTP = try entry.bool("allow_insecure_http") ?? false
        if !target.allowInsecureHTTP {
            for key in ["api_base_url", "auth_base_url"] {
                if let url = try entry.string(key), url.lowercased().hasPrefix("http://") {
                    throw entry.error(
                        key,
                        "http:// sends tokens and secrets in clear; use https://, or set allow_insecure_http: true "
                            + "on this target (for the simulator on loopback only)"
                    )
                }
            }
        }
        target.limits = TargetConfiguration.Limits(
            listMaxPages: try entry.int("list_max_pages", in: 1...1_000_000),
            listDeadlineSeconds: try entry.double("list_deadline_seconds", in: 1...86_400),
            retryBudgetSeconds: try entry.double("retry_budget_seconds", in: 0...3_600)
        )
        if entry.value("create_action") != nil {
            guard target.provider == .zoom else {
                throw entry.error("create_action", "applies to Zoom targets only")
            }
            let text = try entry.string("create_action") ?? ""
            // Zoom's values are camel case (`ssoCreate`); accept any letter case, send Zoom's spelling.
            guard
                let action = TargetConfiguration.ZoomCreateAction.allCases.first(where: {
                    $0.rawValue.lowercased() == text.lowercased()
                })
            else {
                throw entry.error(
                    "create_action",
                    "expected one of create, autoCreate, custCreate, ssoCreate, got '\(text)'"
                )
            }
            target.zoomCreateAction = action
        }
    }
}
