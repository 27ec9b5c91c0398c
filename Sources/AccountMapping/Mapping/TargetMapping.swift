public import OrganizerSyncCore
public import SyncConfiguration

/// One target's mapping, loaded from its mapping file (and the provider preset it names).
public struct TargetMapping: Sendable {
    /// One `fields:` entry.
    public struct Field: Sendable {
        /// The provider field (`email`, `first_name`, `last_name`, `display_name`, or a provider field
        /// name such as `dept`, `title`, `timeZone`).
        public var name: String
        /// The expression that computes it.
        public var expression: MappingExpression
        /// Where the expression is written.
        public var location: ConfigLocation?

        /// Creates a field.
        public init(name: String, expression: MappingExpression, location: ConfigLocation? = nil) {
            self.name = name
            self.expression = expression
            self.location = location
        }
    }

    /// The field names that fill ``AccountFields``' own properties; any other name goes to its `fields`.
    public static let standardFields = ["email", "first_name", "last_name", "display_name"]

    /// The provider the mapping is for.
    public var provider: ProviderKind
    /// Who is in scope.
    public var scope: ScopeRule
    /// The field expressions, `email` first.
    public var fields: [Field]
    /// Licence or user-type rules.
    public var licences: LicencePolicy
    /// The mapping file, and the preset file it builds on.
    public var file: String?
    public var presetFile: String?

    /// Creates a mapping; `fields` must include `email`.
    public init(
        provider: ProviderKind,
        scope: ScopeRule,
        fields: [Field],
        licences: LicencePolicy = LicencePolicy(),
        file: String? = nil,
        presetFile: String? = nil
    ) {
        self.provider = provider
        self.scope = scope
        self.fields = fields.filter { $0.name == "email" } + fields.filter { $0.name != "email" }
        self.licences = licences
        self.file = file
        self.presetFile = presetFile
    }

    /// Every attribute (lower-cased) the mapping's expressions and filter read, sorted.
    ///
    /// The source must
    /// read them (its `schema.attributes`, or a built-in name such as `email`), or they are always empty.
    public var referencedAttributes: [String] {
        let fromFields = fields.flatMap(\.expression.referencedAttributes)
        return Set(fromFields + (scope.filter?.referencedAttributes ?? [])).sorted()
    }

    /// Every group the mapping names (scope, licence rules, `in_group` in fields), for checks against the
    /// directory.
    public var referencedGroups: [GroupReference] {
        var seen = Set<String>()
        let all = scope.groups + licences.rules.map(\.group) + fields.flatMap(\.expression.referencedGroups)
        return all.filter { seen.insert($0.key).inserted }
    }
}
