import OrganizerSyncCore

/// Decodes the `directory:` section (after the preset was merged under it) into a
/// ``DirectoryConfiguration``.
enum DirectorySection {
    static var keys: [String] { ConfigurationShape.directory.names }
    static var presetKeys: [String] { ConfigurationShape.directoryPreset.names }

    static func decode(
        _ directory: ConfigMapping,
        relativeTo folder: String
    ) throws(ConfigurationError)
        -> DirectoryConfiguration
    {
        DirectoryConfiguration(
            connection: try connection(directory, relativeTo: folder),
            pageSize: try directory.int("page_size", in: 1...100_000) ?? 1000,
            users: try query(directory, "users"),
            groups: try query(directory, "groups"),
            schema: try schema(directory)
        )
    }

    private static func connection(
        _ directory: ConfigMapping,
        relativeTo folder: String
    ) throws(ConfigurationError)
        -> LDAPConnectionSettings
    {
        let url = try directory.requiredString("url")
        let lowered = url.lowercased()
        guard lowered.hasPrefix("ldap://") || lowered.hasPrefix("ldaps://") else {
            throw directory.error("url", "expected an ldap:// or ldaps:// URL")
        }
        let isLDAPS = lowered.hasPrefix("ldaps://")
        let tls = try directory.mapping("tls", shape: ConfigurationShape.tls)
        let mode = try tls?.choice("mode", as: LDAPConnectionSettings.TLSMode.self) ?? (isLDAPS ? .ldaps : .startTLS)
        if isLDAPS && mode != .ldaps {
            throw (tls ?? directory).error(tls == nil ? "url" : "mode", "an ldaps:// URL always uses TLS mode ldaps")
        }
        if !isLDAPS && mode == .ldaps {
            throw (tls ?? directory).error("mode", "TLS mode ldaps needs an ldaps:// URL")
        }
        if let bindNode = directory.value("bind") {
            try TargetsSection.rejectLiteralSecrets(bindNode, path: directory.keyPath("bind"))
        }
        let bind = try directory.mapping("bind", shape: ConfigurationShape.bind)
        let dn = try bind?.string("dn")
        let password = try secret(bind, relativeTo: folder)
        if dn != nil && password == nil {
            throw directory.error("bind", .missingKey, "a bind dn needs password_env or password_file")
        }
        if dn == nil && password != nil {
            throw directory.error("bind", .missingKey, "a bind password needs a bind dn")
        }
        let timeouts = try directory.mapping("timeouts", shape: ConfigurationShape.directory["timeouts"])
        return LDAPConnectionSettings(
            url: url,
            tlsMode: mode,
            caFile: try tls?.string("ca_file").map { Paths.resolve($0, relativeTo: folder) },
            verifyCertificate: try tls?.bool("verify") ?? true,
            bindDN: dn,
            bindPassword: password,
            connectTimeoutSeconds: try timeouts?.double("connect_seconds", in: 0.1...600) ?? 10,
            operationTimeoutSeconds: try timeouts?.double("operation_seconds", in: 0.1...3600) ?? 120,
            followReferrals: try directory.bool("referrals") ?? false
        )
    }

    /// Reads `password_env` or `password_file`; exactly one may be given.
    static func secret(
        _ mapping: ConfigMapping?,
        relativeTo folder: String,
        prefix: String = "password"
    )
        throws(ConfigurationError) -> SecretReference?
    {
        guard let mapping else { return nil }
        let environment = try mapping.string("\(prefix)_env")
        let file = try mapping.string("\(prefix)_file")
        switch (environment, file) {
        case (let name?, nil):
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw mapping.error("\(prefix)_env", "expected an environment variable name")
            }
            return .environment(name)
        case (nil, let path?):
            let resolved = Paths.resolve(path, relativeTo: folder)
            // Checked again (on the open descriptor) when the secret is read; here it is named by its key.
            if let violation = SecretFilePolicy.violation(atPath: resolved) {
                throw mapping.error("\(prefix)_file", violation.explanation(path: resolved))
            }
            return .file(resolved)
        case (nil, nil): return nil
        case (_?, _?):
            throw mapping.error("\(prefix)_file", .conflict, "give \(prefix)_env or \(prefix)_file, not both")
        }
    }

    private static func query(_ directory: ConfigMapping, _ key: String) throws(ConfigurationError) -> SearchQuery {
        let allowed = (key == "users" ? ConfigurationShape.users : ConfigurationShape.groups).names
        guard let section = try directory.mapping(key, allowedKeys: allowed) else {
            throw directory.error(key, .missingKey, "is required (at least its base)")
        }
        var conditions: [SearchQuery.Condition] = []
        for pair in try section.pairs("where") ?? [] {
            guard AttributeName.isValid(pair.key) else {
                throw ConfigurationError(
                    .invalidValue,
                    at: pair.at,
                    keyPath: section.keyPath("where.\(pair.key)"),
                    "not a valid LDAP attribute name"
                )
            }
            conditions.append(SearchQuery.Condition(attribute: pair.key, value: pair.value))
        }
        let filter = try section.requiredString("filter")
        guard FilterSyntax.isBalanced(filter) else {
            throw section.error("filter", "the filter's parentheses do not balance")
        }
        return SearchQuery(
            base: try section.requiredString("base"),
            scope: try section.choice("scope", as: SearchQuery.Scope.self) ?? .subtree,
            filter: filter,
            conditions: conditions
        )
    }

    private static func schema(_ directory: ConfigMapping) throws(ConfigurationError) -> DirectorySchema {
        let keys = ConfigurationShape.schema.names
        guard let schema = try directory.mapping("schema", allowedKeys: keys) else {
            throw directory.error("schema", .missingKey, "is required: name a preset or write a schema")
        }
        func attributes(_ key: String) throws(ConfigurationError) -> [String] {
            let names = try schema.strings(key) ?? []
            for name in names where !AttributeName.isValid(name) {
                throw schema.error(key, "'\(name)' is not a valid LDAP attribute name")
            }
            return names
        }
        func attribute(_ key: String) throws(ConfigurationError) -> String {
            let name = try schema.requiredString(key)
            guard AttributeName.isValid(name) else { throw schema.error(key, "not a valid LDAP attribute name") }
            return name
        }
        let emails = try attributes("email")
        guard !emails.isEmpty else { throw schema.error("email", .missingKey, "name at least one attribute") }
        return DirectorySchema(
            anchorAttribute: try attribute("anchor"),
            anchorFormat: try schema.choice("anchor_format", as: DirectorySchema.AnchorFormat.self) ?? .text,
            emailAttributes: emails,
            usernameAttribute: try attribute("username"),
            attributes: try attributes("attributes"),
            binaryAttributes: try attributes("binary_attributes"),
            disabledRules: try disabledRules(schema),
            memberAttributes: try attributes("member_attributes"),
            memberUidAttributes: try attributes("member_uid_attributes"),
            groupNameAttribute: try attribute("group_name")
        )
    }

    private static func disabledRules(_ schema: ConfigMapping) throws(ConfigurationError) -> [DisabledRule] {
        var rules: [DisabledRule] = []
        for (index, node) in (try schema.sequence("disabled_when") ?? []).enumerated() {
            let rule = try ConfigMapping(
                node,
                path: schema.keyPath("disabled_when[\(index)]"),
                shape: ConfigurationShape.disabledRule
            )
            let name = try rule.requiredString("attribute")
            guard AttributeName.isValid(name) else { throw rule.error("attribute", "not a valid LDAP attribute name") }
            let present = try rule.bool("present")
            let equals = try rule.strings("equals")
            let mask = try rule.string("bitmask")
            switch (present, equals, mask) {
            case (true?, nil, nil): rules.append(.present(attribute: name))
            case (nil, let values?, nil): rules.append(.equals(attribute: name, values: values))
            case (nil, nil, let text?):
                guard
                    let value = Int64(
                        text.hasPrefix("0x") ? String(text.dropFirst(2)) : text,
                        radix: text.hasPrefix("0x") ? 16 : 10
                    ), value > 0
                else { throw rule.error("bitmask", "expected a positive number such as 0x2") }
                rules.append(.bitmask(attribute: name, mask: value))
            default:
                throw rule.error("attribute", .conflict, "give exactly one of present: true, equals or bitmask")
            }
        }
        return rules
    }
}

/// LDAP attribute descriptions: a name (`mail`, `msDS-x`) or an OID, with optional `;options`.
enum AttributeName {
    static func isValid(_ name: String) -> Bool {
        let parts = name.split(separator: ";", omittingEmptySubsequences: false)
        guard let base = parts.first, let first = base.first else { return false }
        let isName =
            first.isASCII && first.isLetter
            && base.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        let isOID = base.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
            !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber }
        }
        let optionsValid = parts.dropFirst().allSatisfy {
            !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "=") }
        }
        return (isName || isOID) && optionsValid
    }
}

/// A cheap syntax check of an admin-written filter: parentheses balance outside escapes.
///
/// libldap
/// checks the rest when the search is sent, and that error names the same key.
enum FilterSyntax {
    static func isBalanced(_ filter: String) -> Bool {
        var depth = 0
        for character in filter {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth < 0 { return false }
        }
        return depth == 0
    }
}
