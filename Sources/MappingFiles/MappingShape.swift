public import SyncConfiguration

/// The keys of a target's mapping file (and of a provider preset): the one definition ``MappingLoader``'s
/// unknown-key checks and `organizer-sync schema mapping` read.
public enum MappingShape {
    /// A licence grant: Zoom gives a seat by `user_type`, GoTo and Webex by `licences`.
    static let grant = ConfigShape([
        .init("licences", .scalars, "GoTo or Webex: the licence keys to give"),
        .init("user_type", .choice(["basic", "licensed", "unassigned", "1", "2", "4"]), "Zoom: the user type"),
    ])

    /// `scope:`.
    static let scope = ConfigShape([
        .init("groups", .scalars, "groups (cn or DN) whose members, transitively, are in scope; absent: every user"),
        .init("filter", .scalar, "an LDAP-style filter over the user's attributes, ANDed to the groups"),
        .init("include_disabled", .boolean, "whether disabled directory users stay in scope (default false)"),
    ])

    /// `licences:`.
    static let licences = ConfigShape([
        .init(
            "rules",
            .list(.object(ConfigShape([.init("group", .scalar, required: true, "the group")] + grant.keys))),
            "ordered group rules, first match wins"
        ),
        .init("default", .object(grant), "the grant of users no rule matches"),
    ])

    /// A whole mapping file.
    public static let file = ConfigShape([
        .init("description", .scalar, "what this mapping is for"),
        .init("preset", .scalar, "a provider preset (zoom, webex, goto) or a preset file to merge this file over"),
        .init("provider", .choice(["goto", "zoom", "webex"]), "the provider (given by the preset)"),
        .init("scope", .object(scope), "who is in scope"),
        .init(
            "fields",
            .map(.oneOf([.scalar, .null]), keyPattern: "^[A-Za-z][A-Za-z0-9_]*$"),
            "provider field: expression (Mappings/README.md); null removes a preset's field"
        ),
        .init("licences", .object(licences), "which licence or user type each user gets"),
    ])

    /// A provider preset: a mapping file without `preset`.
    public static var preset: ConfigShape { ConfigShape(file.keys.filter { $0.name != "preset" }) }
}
