import AccountMapping
import OrganizerSyncCore
import SyncConfiguration

/// Decoders of a mapping file's `scope:`, `fields:` and `licences:` sections.
enum MappingSections {
    static var scopeKeys: [String] { MappingShape.scope.names }
    static var licenceKeys: [String] { MappingShape.licences.names }
    static var ruleKeys: [String] { MappingShape.licences["rules"].names }
    static var grantKeys: [String] { MappingShape.grant.names }
    /// Zoom user types by name, as the Users API writes them.
    static let zoomUserTypes = ["basic": "1", "licensed": "2", "unassigned": "4", "1": "1", "2": "2", "4": "4"]

    static func scope(_ root: ConfigMapping) throws(ConfigurationError) -> ScopeRule {
        guard let scope = try root.mapping("scope", allowedKeys: scopeKeys) else { return ScopeRule() }
        let groups = try scope.strings("groups") ?? []
        if scope.value("groups") != nil, groups.isEmpty {
            throw scope.error("groups", "list at least one group, or leave out groups to take every user")
        }
        if let empty = groups.firstIndex(where: { $0.isEmpty }) {
            throw scope.error("groups", "entry \(empty) is empty; expected a group name or DN")
        }
        var filter: ScopeFilter?
        if let text = try scope.string("filter"), let node = scope.value("filter") {
            do {
                filter = try ScopeFilter(text)
            } catch {
                throw expressionError(error, node: node, keyPath: scope.keyPath("filter"), what: "filter")
            }
        }
        return ScopeRule(
            groups: groups.map(GroupReference.init),
            filter: filter,
            includeDisabled: try scope.bool("include_disabled") ?? false
        )
    }

    static func fields(_ root: ConfigMapping) throws(ConfigurationError) -> [TargetMapping.Field] {
        guard let node = root.value("fields") else {
            throw root.error(
                "fields",
                .missingKey,
                "is required: one provider field: expression per line, at least email: lower(mail) "
                    + "(or name a preset: goto, zoom or webex)"
            )
        }
        guard case .mapping(let entries) = node.value else {
            throw root.error("fields", "expected a mapping of provider field: expression")
        }
        let fields = try ConfigMapping(node, path: "fields", allowedKeys: entries.map(\.key))
        var result: [TargetMapping.Field] = []
        for entry in entries {
            let name = entry.key
            guard let first = name.first, first.isASCII, first.isLetter,
                name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            else {
                throw ConfigurationError(
                    .invalidValue,
                    at: entry.keyLocation,
                    keyPath: fields.keyPath(name),
                    "a field name is letters, digits and '_', starting with a letter"
                )
            }
            if ["licences", "licenses", "user_type", "type"].contains(name) {
                throw ConfigurationError(
                    .invalidValue,
                    at: entry.keyLocation,
                    keyPath: fields.keyPath(name),
                    "licences and user types are given by the licences: section, not by a field"
                )
            }
            guard let text = try fields.string(name), let valueNode = fields.value(name) else { continue }
            do {
                let expression = try MappingExpression(text)
                result.append(.init(name: name, expression: expression, location: valueNode.location))
            } catch {
                throw expressionError(error, node: valueNode, keyPath: fields.keyPath(name), what: "expression")
            }
        }
        guard result.contains(where: { $0.name == "email" }) else {
            throw fields.error(
                "email",
                .missingKey,
                "is required: every account needs an email; add email: lower(mail) (or the attribute that holds it)"
            )
        }
        return result
    }

    static func licences(_ root: ConfigMapping, provider: ProviderKind) throws(ConfigurationError) -> LicencePolicy {
        guard let licences = try root.mapping("licences", allowedKeys: licenceKeys) else { return LicencePolicy() }
        var rules: [LicencePolicy.Rule] = []
        for (index, node) in (try licences.sequence("rules") ?? []).enumerated() {
            let rule = try ConfigMapping(node, path: "licences.rules[\(index)]", allowedKeys: ruleKeys)
            let group = try rule.requiredString("group")
            rules.append(.init(group: GroupReference(group), grant: try grant(rule, provider: provider)))
        }
        var defaultGrant: LicencePolicy.Grant?
        if let node = licences.value("default") {
            let mapping = try ConfigMapping(node, path: "licences.default", allowedKeys: grantKeys)
            defaultGrant = try grant(mapping, provider: provider)
        }
        return LicencePolicy(rules: rules, defaultGrant: defaultGrant)
    }

    private static func grant(
        _ mapping: ConfigMapping,
        provider: ProviderKind
    ) throws(ConfigurationError)
        -> LicencePolicy.Grant
    {
        let licences = try mapping.strings("licences")
        let userType = try mapping.string("user_type")
        switch provider {
        case .zoom:
            if licences != nil {
                throw mapping.error("licences", "Zoom gives a seat by user_type (basic or licensed), not licences")
            }
            guard let userType else {
                throw mapping.error("user_type", .missingKey, "is required for Zoom: basic or licensed")
            }
            guard let type = zoomUserTypes[userType.lowercased()] else {
                throw mapping.error("user_type", "expected basic, licensed or unassigned, got '\(userType)'")
            }
            return .init(userType: type)
        case .goto, .webex:
            if userType != nil {
                throw mapping.error("user_type", "\(provider) has no user type; give licences instead")
            }
            guard let licences else {
                throw mapping.error(
                    "licences",
                    .missingKey,
                    "is required for \(provider): list the licence ids to grant "
                        + "(organizer-sync accounts shows the ones its accounts hold)"
                )
            }
            guard !licences.isEmpty, !licences.contains(where: \.isEmpty) else {
                throw mapping.error(
                    "licences",
                    "list at least one licence (a \(provider) user without licences counts as suspended)"
                )
            }
            return .init(licences: licences)
        }
    }

    /// A ``ConfigurationError`` at the exact place of an expression or filter error.
    static func expressionError(
        _ error: ExpressionError,
        node: ConfigNode,
        keyPath: String,
        what: String
    )
        -> ConfigurationError
    {
        ConfigurationError(
            .invalidValue,
            at: ExpressionLocator.location(in: node, offset: error.offset),
            keyPath: keyPath,
            "bad \(what): \(error.message)"
        )
    }
}
