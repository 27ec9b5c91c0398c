/// A person read from the directory, with the values the mappings use.
public struct DirectoryUser: Sendable, Hashable, Codable {
    /// The immutable directory identifier (`entryUUID`, or `objectGUID` as a canonical GUID string).
    ///
    /// It survives renames and moves, so it is what the state store keys accounts on.
    public var anchor: String
    /// The entry's distinguished name.
    public var dn: String
    /// The login name (`uid`, `sAMAccountName`), when the entry has one.
    public var username: String?
    /// The primary email address, when the entry has one.
    public var email: String?
    /// Whether the account is enabled in the directory (the preset's disabled rule did not match).
    public var isEnabled: Bool
    /// Every attribute the configuration asked for, by lower-cased name.
    ///
    /// Binary values are base64.
    public var attributes: DirectoryAttributes
    /// The DNs of every group the user belongs to, directly or through nested groups, sorted.
    public var groups: [String]

    /// A user whose attributes are given as a dictionary of lower-cased names (tests, synthetic inputs).
    public init(
        anchor: String,
        dn: String,
        username: String?,
        email: String?,
        isEnabled: Bool,
        attributes: [String: [String]],
        groups: [String] = []
    ) {
        self.init(
            anchor: anchor,
            dn: dn,
            username: username,
            email: email,
            isEnabled: isEnabled,
            attributes: DirectoryAttributes(attributes),
            groups: groups
        )
    }

    /// A user whose attributes share a read's ``AttributeTable``.
    public init(
        anchor: String,
        dn: String,
        username: String?,
        email: String?,
        isEnabled: Bool,
        attributes: DirectoryAttributes,
        groups: [String] = []
    ) {
        self.anchor = anchor
        self.dn = dn
        self.username = username
        self.email = email
        self.isEnabled = isEnabled
        self.attributes = attributes
        self.groups = groups
    }

    /// The first value of an attribute (names are case-insensitive).
    public func value(of attribute: String) -> String? {
        attributes[attribute.lowercased()]?.first
    }
}
