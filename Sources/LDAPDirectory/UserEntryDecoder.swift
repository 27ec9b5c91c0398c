import Foundation
import OrganizerSyncCore

/// Turns user entries into ``DirectoryUser`` values according to the schema (usually a preset).
struct UserEntryDecoder: Sendable {
    let schema: DirectorySchema
    /// Lower-cased names of the attributes read as bytes: the schema's binary attributes, and the
    /// anchor when it is a binary GUID.
    let binaryAttributes: Set<String>
    private let anchorKey: String
    private let usernameKey: String
    private let emailKeys: [String]
    private let disabledRules: [(key: String, rule: DisabledRule)]
    private let anchorFormatter: AnchorFormatter

    init(schema: DirectorySchema) {
        self.schema = schema
        var binary = Set(schema.binaryAttributes.map { $0.lowercased() })
        if schema.anchorFormat == .guid { binary.insert(schema.anchorAttribute.lowercased()) }
        self.binaryAttributes = binary
        self.anchorKey = schema.anchorAttribute.lowercased()
        self.usernameKey = schema.usernameAttribute.lowercased()
        self.emailKeys = schema.emailAttributes.map { $0.lowercased() }
        self.disabledRules = schema.disabledRules.map { ($0.attribute.lowercased(), $0) }
        self.anchorFormatter = AnchorFormatter(schema: schema)
    }

    /// Every attribute a user search must request.
    var requestedAttributes: [String] {
        var names = [schema.anchorAttribute, schema.usernameAttribute] + schema.emailAttributes + schema.attributes
        names += schema.binaryAttributes + schema.disabledRules.map(\.attribute)
        var seen = Set<String>()
        return names.filter { seen.insert($0.lowercased()).inserted }
    }

    /// The user, or a warning when the entry has no usable anchor (it cannot be matched safely).
    func decode(_ entry: consuming LDAPEntry) -> Result<DirectoryUser, DecodingWarning> {
        guard let anchor = anchorFormatter.anchor(of: entry) else {
            return .failure(
                DecodingWarning(warning: .entryWithoutAnchor(dn: entry.dn, anchorAttribute: schema.anchorAttribute))
            )
        }
        let dn = entry.dn
        let binary = entry.binary
        // The entry is consumed so that its attribute dictionary is uniquely referenced here and the
        // changes below happen in place instead of copying it for every user.
        var attributes = (consume entry).attributes
        for (name, values) in binary where name != anchorKey {
            attributes[name] = values.map { Data($0).base64EncodedString() }
        }
        if attributes[anchorKey]?.first != anchor { attributes[anchorKey] = [anchor] }
        let email = emailKeys.lazy.compactMap { attributes[$0]?.first }.first
        let isDisabled = disabledRules.contains { $0.rule.matches(attributes[$0.key] ?? []) }
        return .success(
            DirectoryUser(
                anchor: anchor,
                dn: dn,
                username: attributes[usernameKey]?.first,
                email: email,
                isEnabled: !isDisabled,
                attributes: attributes
            )
        )
    }

    /// Something about one entry that an admin should know; the read goes on.
    struct DecodingWarning: Error {
        var warning: DirectoryWarning
    }
}

/// Renders an entry's anchor: text as lower-cased text, a binary GUID as the canonical GUID string.
struct AnchorFormatter: Sendable {
    let format: DirectorySchema.AnchorFormat
    /// The anchor attribute, lower-cased once rather than per entry.
    let key: String

    init(schema: DirectorySchema) {
        format = schema.anchorFormat
        key = schema.anchorAttribute.lowercased()
    }

    func anchor(of entry: LDAPEntry) -> String? {
        switch format {
        case .text:
            guard let value = entry.attributes[key]?.first, !value.isEmpty else { return nil }
            // Most anchors (entryUUID) are lower case already: keep sharing the attribute's storage.
            let isLowercaseASCII = value.utf8.allSatisfy { $0 < 0x80 && !(65...90).contains($0) }
            return isLowercaseASCII ? value : value.lowercased()
        case .guid:
            return entry.binary[key]?.first.flatMap(GUIDFormatter.string(from:))
        }
    }
}
