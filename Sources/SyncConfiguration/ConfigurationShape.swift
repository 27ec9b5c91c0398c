import OrganizerSyncCore

/// The keys of the configuration file, section by section: the one definition the loader's unknown-key checks
/// and `organizer-sync schema config` read (see ``ConfigShape``).
public enum ConfigurationShape {
    /// `directory.tls`.
    static let tls = ConfigShape([
        .init("mode", .choice(["starttls", "ldaps", "none"]), "starttls (default for ldap://), ldaps, or none"),
        .init("ca_file", .scalar, "the CA file the server's certificate must chain to (default: the system store)"),
        .init("verify", .boolean, "false turns off certificate and host name checks (warned about on every run)"),
    ])

    /// `directory.bind`.
    static let bind = ConfigShape([
        .init("dn", .scalar, "the read-only service account's DN"),
        .init("password_env", .scalar, "the environment variable holding the bind password"),
        .init("password_file", .scalar, "the file holding the bind password (mode 0600)"),
    ])

    /// `directory.users` (and, without `where`, `directory.groups`).
    static let users = ConfigShape([
        .init("base", .scalar, "the search base"),
        .init("scope", .choice(["base", "one", "subtree"]), "the search scope (default subtree)"),
        .init("filter", .scalar, "the LDAP filter (default from the preset)"),
        .init("where", .map(.scalar, keyPattern: nil), "attribute: value equality conditions ANDed to the filter"),
    ])
    static let groups = ConfigShape(users.keys.filter { $0.name != "where" })

    /// `directory.schema.disabled_when[]`.
    static let disabledRule = ConfigShape([
        .init("attribute", .scalar, required: true, "the attribute the rule reads"),
        .init("present", .boolean, "disabled when the attribute has a value"),
        .init("equals", .scalars, "disabled when it has one of these values (case-insensitive)"),
        .init("bitmask", .scalar, "disabled when these bits are set (0x2: userAccountControl ACCOUNTDISABLE)"),
    ])

    /// `directory.schema`.
    static let schema = ConfigShape([
        .init("anchor", .scalar, "the immutable id attribute (entryUUID, objectGUID)"),
        .init("anchor_format", .choice(["text", "guid"]), "how the anchor is rendered"),
        .init("email", .scalars, "the email attributes, first with a value wins"),
        .init("username", .scalar, "the login attribute (uid, sAMAccountName)"),
        .init("attributes", .scalars, "the attributes read for mappings"),
        .init("binary_attributes", .scalars, "attributes kept as bytes"),
        .init("disabled_when", .list(.object(disabledRule)), "a user is disabled when any rule matches"),
        .init("member_attributes", .scalars, "group attributes listing member DNs"),
        .init("member_uid_attributes", .scalars, "group attributes listing member user names"),
        .init("group_name", .scalar, "the group name attribute"),
    ])

    /// A source preset (`Mappings/sources/*.yaml`).
    public static let directoryPreset = ConfigShape([
        .init("description", .scalar, "what the preset is for"),
        .init("users", .object(users), "the user search"),
        .init("groups", .object(groups), "the group search"),
        .init("schema", .object(schema), "how entries are read"),
        .init("page_size", .integer, "paged results page size"),
    ])

    /// `directory:`.
    static let directory = ConfigShape([
        .init("preset", .scalar, "a source preset (openldap, active-directory) or a preset file"),
        .init("url", .scalar, required: true, "ldap:// (StartTLS by default) or ldaps:// URL"),
        .init("tls", .object(tls), "TLS settings"),
        .init("bind", .object(bind), "the simple bind"),
        .init("page_size", .integer, "paged results page size (default 1000)"),
        .init(
            "timeouts",
            .object(
                ConfigShape([
                    .init("connect_seconds", .number, "connect timeout (default 10)"),
                    .init("operation_seconds", .number, "per-operation timeout (default 120)"),
                ])
            ),
            "timeouts"
        ),
        .init("referrals", .boolean, "follow referrals (default false)"),
        .init("users", .object(users), "the user search"),
        .init("groups", .object(groups), "the group search"),
        .init("schema", .object(schema), "overrides of the preset's schema"),
    ])

    /// A target's `credentials:` for each provider.
    static func credentials(_ provider: String) -> ConfigShape {
        func secret(_ prefix: String, _ what: String) -> [ConfigShape.Key] {
            [
                .init("\(prefix)_env", .scalar, "the environment variable holding \(what)"),
                .init("\(prefix)_file", .scalar, "the file holding \(what)"),
            ]
        }
        let client =
            [.init("client_id", .scalar, "the OAuth client id (not secret)")] + secret("client_id", "the client id")
            + secret("client_secret", "the client secret")
        switch provider {
        case "goto":
            return ConfigShape(
                client + secret("refresh_token", "the refresh token")
                    + secret("personal_access_token", "the personal access token")
                    + [.init("account_key", .scalar, "the GoTo account key (default: from GET /me)")]
            )
        case "zoom":
            return ConfigShape([.init("account_id", .scalar, "the Zoom account id")] + client)
        default:
            let app = ConfigShape(
                [
                    .init("application_id", .scalar, "the Service App's id"),
                    .init("target_org_id", .scalar, "the organisation the app acts in"),
                ] + secret("integration_token", "the integration token")
            )
            return ConfigShape(
                client + secret("refresh_token", "the refresh token")
                    + [.init("service_app", .object(app), "a Webex Service App instead of a refresh token")]
            )
        }
    }

    /// `{count, share}` thresholds.
    static let threshold = ConfigShape([
        .init("count", .integer, "at most this many"),
        .init("share", .number, "at most this share of the accounts (0 to 1)"),
    ])

    /// A target's `policy:`.
    static let policy = ConfigShape([
        .init("protected_emails", .scalars, "email patterns organizer-sync never touches"),
        .init("protect_admins", .boolean, "never suspend or delete a provider admin (default true)"),
        .init("protected_roles", .scalars, "provider roles never touched"),
        .init("unmanaged", .choice(["leave", "suspend", "delete"]), "accounts no directory user owns"),
        .init(
            "pending_invitations",
            .choice(["keep", "withdraw"]),
            "a leaver's Zoom invitation never accepted: keep (default) or withdraw"
        ),
        .init(
            "deprovision",
            .oneOf([
                .choice(["suspend", "delete"]),
                .object(ConfigShape([.init("suspend_then_delete_after_days", .integer, required: true, "grace days")])),
            ]),
            "leavers: suspend, delete, or {suspend_then_delete_after_days: N}"
        ),
        .init("max_creates", .object(threshold), "gate on creates"),
        .init("max_suspends", .object(threshold), "gate on suspends"),
        .init("max_deletes", .object(threshold), "gate on deletes"),
        .init(
            "guards",
            .object(
                ConfigShape([
                    .init("block_on_empty_directory", .boolean, "stop when the directory reads empty"),
                    .init("min_in_scope_share", .number, "stop when the users in scope shrink below this share"),
                ])
            ),
            "guards"
        ),
    ])

    /// One entry of `targets:`; `credentials:` holds only the keys of the target's provider (as the loader
    /// checks them), the union of every provider's keys being what an editor offers before `provider:` is set.
    static let target = ProviderKind.allCases.map(\.rawValue).reduce(targetKeys) { shape, provider in
        shape.when(
            "provider",
            is: provider,
            ConfigShape([.init("credentials", .object(credentials(provider)), "the \(provider) credentials")])
        )
    }

    /// The keys of one entry of `targets:`, whatever its provider.
    private static let targetKeys = ConfigShape([
        .init("name", .scalar, required: true, "the target's name (--target, logs)"),
        .init("provider", .choice(["goto", "zoom", "webex"]), required: true, "the provider"),
        .init("api_base_url", .scalar, "the admin API's base URL (default: the real host)"),
        .init("auth_base_url", .scalar, "the OAuth server's base URL (default: the real host)"),
        .init(
            "credentials",
            .object(ConfigShape(uniqueKeys(ProviderKind.allCases.flatMap { credentials($0.rawValue).keys }))),
            required: true,
            "the provider's credentials; secrets only as *_env or *_file"
        ),
        .init(
            "rate_limit",
            .object(
                ConfigShape([
                    .init("requests_per_second", .number, required: true, "sustained requests per second"),
                    .init("burst", .integer, "requests allowed at once"),
                ])
            ),
            "client-side rate limit (default: the provider's documented limit)"
        ),
        .init("timeout_seconds", .number, "per-request timeout"),
        .init("page_size", .integer, "listing page size (at most the provider's maximum)"),
        .init("mapping", .scalar, "a mapping file or a provider preset name (default: the provider's preset)"),
        .init("policy", .object(policy), "what may be changed, and the gates"),
        .init("allow_insecure_http", .boolean, "allow http:// base URLs (the simulator on loopback only)"),
        .init("list_max_pages", .integer, "stop a listing after this many pages"),
        .init("list_deadline_seconds", .number, "stop a listing after this long"),
        .init("retry_budget_seconds", .number, "the time retries of one request may take"),
        .init("create_action", .scalar, "Zoom only: create, autoCreate, custCreate or ssoCreate"),
    ])

    /// `state:`.
    static let state = ConfigShape([
        .init("database", .scalar, "the state store (SQLite)"),
        .init("audit_log", .scalar, "the hash-chained audit log"),
        .init("runs_dir", .scalar, "where reconcile keeps each run"),
        .init("keep_runs", .integer, "how many runs reconcile keeps"),
        .init("metrics_file", .scalar, "Prometheus text file for node_exporter"),
    ])

    /// `{name, public_key | public_key_file}`.
    static let namedKey = ConfigShape([
        .init("name", .scalar, required: true, "the key's name"),
        .init("public_key", .scalar, "the Ed25519 public key, base64"),
        .init("public_key_file", .scalar, "a file holding it"),
    ])

    /// `apply:`.
    static let apply = ConfigShape([
        .init("max_plan_age_minutes", .integer, "apply refuses an older plan (default 60)"),
        .init("concurrency", .integer, "changes in flight per target (default 8)"),
        .init("require_approvals", .integer, "distinct reviewers who must approve a plan"),
        .init("reviewers", .list(.object(namedKey)), "the reviewers' public keys"),
        .init("require_reason", .boolean, "an interactive apply must give --reason (exit 64 without)"),
    ])

    /// `audit:`.
    static let audit = ConfigShape([
        .init("key_file", .scalar, "the checkpoint key file"),
        .init("key_env", .scalar, "the environment variable holding the key"),
        .init("key_credential", .scalar, "the systemd credential holding the key"),
        .init("head_file", .scalar, "each run's head line is appended here"),
        .init("head_command", .scalar, "each run's head line is piped to this command"),
        .init("syslog", .boolean, "send each run's head line to syslog (default true)"),
    ])

    /// `signing:`.
    static let signing = ConfigShape([
        .init("private_key_file", .scalar, "the plan signing key file"),
        .init("private_key_env", .scalar, "the environment variable holding it"),
        .init("private_key_credential", .scalar, "the systemd credential holding it"),
        .init("key_name", .scalar, "the name written beside each signature"),
        .init("trusted_keys", .list(.object(namedKey)), "the keys whose plans apply accepts"),
    ])

    /// The whole configuration file.
    public static let file = ConfigShape([
        .init("version", .integer, "the configuration format: 1"),
        .init("mappings_dir", .scalar, "the only folder presets are searched in"),
        .init("directory", .object(directory), required: true, "the LDAP or Active Directory source"),
        .init("targets", .list(.object(target)), "the provider tenants"),
        .init("state", .object(state), "where the state, audit log and runs are kept"),
        .init("apply", .object(apply), "how apply behaves"),
        .init("audit", .object(audit), "the audit log's key and head export"),
        .init("signing", .object(signing), "plan signing"),
    ])

    static func uniqueKeys(_ keys: [ConfigShape.Key]) -> [ConfigShape.Key] {
        var seen = Set<String>()
        return keys.filter { seen.insert($0.name).inserted }
    }
}
