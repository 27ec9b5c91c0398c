/// Everything the directory reader needs: where the server is, how to connect and bind, what to read,
/// and how entries become ``DirectoryUser`` values (the schema, usually from a preset in `Mappings/`).
public struct DirectoryConfiguration: Sendable, Hashable {
    public var connection: LDAPConnectionSettings
    /// Entries per page of a paged search (RFC 2696).
    public var pageSize: Int
    public var users: SearchQuery
    public var groups: SearchQuery
    public var schema: DirectorySchema

    public init(
        connection: LDAPConnectionSettings,
        pageSize: Int = 1000,
        users: SearchQuery,
        groups: SearchQuery,
        schema: DirectorySchema
    ) {
        self.connection = connection
        self.pageSize = pageSize
        self.users = users
        self.groups = groups
        self.schema = schema
    }
}

/// How to reach and authenticate to the LDAP server.
public struct LDAPConnectionSettings: Sendable, Hashable {
    /// How the connection is protected.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// `ldap://` upgraded with the StartTLS extended operation before binding.
        case startTLS = "starttls"
        /// TLS from the first byte (`ldaps://`).
        case ldaps
        /// No TLS at all: the bind password crosses the network in clear. Needs an explicit setting.
        case none
    }

    /// `ldap://host:port` or `ldaps://host:port`.
    public var url: String
    public var tlsMode: TLSMode
    /// A PEM file of CA certificates to trust; `nil` uses the system store.
    public var caFile: String?
    /// Whether the server certificate (chain and host name) is verified.
    ///
    /// Turning it off is logged as a
    /// warning on every run.
    public var verifyCertificate: Bool
    /// The DN to bind as; `nil` binds anonymously.
    public var bindDN: String?
    /// Where the bind password comes from.
    public var bindPassword: SecretReference?
    public var connectTimeoutSeconds: Double
    public var operationTimeoutSeconds: Double
    /// Whether the client follows referrals the server returns.
    ///
    /// Off unless configured.
    public var followReferrals: Bool

    public init(
        url: String,
        tlsMode: TLSMode,
        caFile: String? = nil,
        verifyCertificate: Bool = true,
        bindDN: String? = nil,
        bindPassword: SecretReference? = nil,
        connectTimeoutSeconds: Double = 10,
        operationTimeoutSeconds: Double = 120,
        followReferrals: Bool = false
    ) {
        self.url = url
        self.tlsMode = tlsMode
        self.caFile = caFile
        self.verifyCertificate = verifyCertificate
        self.bindDN = bindDN
        self.bindPassword = bindPassword
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.operationTimeoutSeconds = operationTimeoutSeconds
        self.followReferrals = followReferrals
    }
}

/// One search: base, scope, filter, and extra equality conditions that are escaped into the filter.
public struct SearchQuery: Sendable, Hashable {
    public enum Scope: String, Sendable, Hashable, CaseIterable {
        case base, one, subtree
    }

    public var base: String
    public var scope: Scope
    /// An LDAP filter written by the admin (RFC 4515 syntax), used as is.
    public var filter: String
    /// Attribute = value conditions ANDed to ``filter``.
    ///
    /// Values are escaped (RFC 4515), so a value can
    /// never change the filter's structure.
    public var conditions: [Condition]

    /// An equality condition on one attribute.
    public struct Condition: Sendable, Hashable {
        public var attribute: String
        public var value: String
        public init(attribute: String, value: String) {
            self.attribute = attribute
            self.value = value
        }
    }

    public init(base: String, scope: Scope = .subtree, filter: String, conditions: [Condition] = []) {
        self.base = base
        self.scope = scope
        self.filter = filter
        self.conditions = conditions
    }
}

/// How directory entries are interpreted: which attribute is the anchor, which are email and login,
/// what marks an account disabled, and how group membership is stored.
public struct DirectorySchema: Sendable, Hashable {
    /// How the anchor attribute's value is rendered.
    public enum AnchorFormat: String, Sendable, Hashable, CaseIterable {
        /// The value as text (OpenLDAP `entryUUID`).
        case text
        /// A 16-byte binary GUID rendered as the canonical string (Active Directory `objectGUID`).
        case guid
    }

    public var anchorAttribute: String
    public var anchorFormat: AnchorFormat
    /// Attributes tried in order for the email address (`mail`, then `userPrincipalName`, ...).
    public var emailAttributes: [String]
    public var usernameAttribute: String
    /// Further attributes to read for the mappings (display name, department, ...).
    public var attributes: [String]
    /// Attributes read as bytes and kept as base64 (for example `jpegPhoto`, `objectGUID`).
    public var binaryAttributes: [String]
    /// Any rule that matches marks the user disabled.
    public var disabledRules: [DisabledRule]
    /// Group attributes whose values are member DNs (`member`, `uniqueMember`).
    public var memberAttributes: [String]
    /// Group attributes whose values are user login names (posixGroup `memberUid`).
    public var memberUidAttributes: [String]
    /// The group attribute used as the group's name.
    public var groupNameAttribute: String

    public init(
        anchorAttribute: String,
        anchorFormat: AnchorFormat,
        emailAttributes: [String],
        usernameAttribute: String,
        attributes: [String],
        binaryAttributes: [String],
        disabledRules: [DisabledRule],
        memberAttributes: [String],
        memberUidAttributes: [String],
        groupNameAttribute: String
    ) {
        self.anchorAttribute = anchorAttribute
        self.anchorFormat = anchorFormat
        self.emailAttributes = emailAttributes
        self.usernameAttribute = usernameAttribute
        self.attributes = attributes
        self.binaryAttributes = binaryAttributes
        self.disabledRules = disabledRules
        self.memberAttributes = memberAttributes
        self.memberUidAttributes = memberUidAttributes
        self.groupNameAttribute = groupNameAttribute
    }
}

/// A rule that marks a directory account disabled.
public enum DisabledRule: Sendable, Hashable {
    /// The attribute has any value (OpenLDAP ppolicy `pwdAccountLockedTime`).
    case present(attribute: String)
    /// The attribute has one of these values, compared case-insensitively.
    case equals(attribute: String, values: [String])
    /// The attribute is an integer with any of these bits set (AD `userAccountControl` bit 0x2).
    case bitmask(attribute: String, mask: Int64)

    /// The attribute the rule reads.
    public var attribute: String {
        switch self {
        case .present(let attribute), .equals(let attribute, _), .bitmask(let attribute, _): attribute
        }
    }

    /// Whether the rule matches an entry whose values for ``attribute`` are `values`.
    public func matches(_ values: some Collection<String>) -> Bool {
        switch self {
        case .present: !values.isEmpty
        case .equals(_, let expected):
            values.contains { value in expected.contains { $0.lowercased() == value.lowercased() } }
        case .bitmask(_, let mask):
            values.contains { (Int64($0.trimmingWhitespace()) ?? 0) & mask != 0 }
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    package func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
