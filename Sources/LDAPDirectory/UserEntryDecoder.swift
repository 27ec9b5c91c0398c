import Foundation
import OrganizerSyncCore

/// Turns user entries into ``DirectoryUser`` values according to the schema (usually a preset).
struct UserEntryDecoder: Sendable {
    let schema: DirectorySchema
    private let binary: Set<String>

    init(schema: DirectorySchema) {
        self.schema = schema
        var binary = Set(schema.binaryAttributes.map { $0.lowercased() })
        if schema.anchorFormat == .guid { binary.insert(schema.anchorAttribute.lowercased()) }
        self.binary = binary
    }

    /// Every attribute a user search must request.
    var requestedAttributes: [String] {
        var names = [schema.anchorAttribute, schema.usernameAttribute] + schema.emailAttributes + schema.attributes
        names += schema.binaryAttributes + schema.disabledRules.map(\.attribute)
        var seen = Set<String>()
        return names.filter { seen.insert($0.lowercased()).inserted }
    }

    /// The user, or a warning when the entry has no usable anchor (it cannot be matched safely).
    func decode(_ entry: LDAPEntry) -> Result<DirectoryUser, DecodingWarning> {
        guard let anchor = anchor(of: entry) else {
            return .failure(DecodingWarning(text: "entry \(entry.dn) has no \(schema.anchorAttribute); skipped"))
        }
        var attributes: [String: [String]] = [:]
        attributes.reserveCapacity(entry.attributes.count)
        for (name, values) in entry.attributes {
            if binary.contains(name) {
                attributes[name] = values.map { Data($0).base64EncodedString() }
            } else {
                attributes[name] = values.map { String(decoding: $0, as: UTF8.self) }
            }
        }
        if schema.anchorFormat == .guid { attributes[schema.anchorAttribute.lowercased()] = [anchor] }
        let email = schema.emailAttributes.lazy.compactMap { attributes[$0.lowercased()]?.first }.first
        let isDisabled = schema.disabledRules.contains { rule in
            rule.matches(attributes[rule.attribute.lowercased()] ?? [])
        }
        return .success(
            DirectoryUser(
                anchor: anchor,
                dn: entry.dn,
                username: attributes[schema.usernameAttribute.lowercased()]?.first,
                email: email,
                isEnabled: !isDisabled,
                attributes: attributes
            )
        )
    }

    private func anchor(of entry: LDAPEntry) -> String? {
        guard let value = entry.attributes[schema.anchorAttribute.lowercased()]?.first, !value.isEmpty else {
            return nil
        }
        switch schema.anchorFormat {
        case .text: return String(decoding: value, as: UTF8.self).lowercased()
        case .guid: return GUIDFormatter.string(from: value)
        }
    }

    /// Something about one entry that an admin should know; the read goes on.
    struct DecodingWarning: Error {
        var text: String
    }
}
