import CLDAP
import Foundation
import OrganizerSyncCore

/// Turns user entry messages into ``DirectoryUser`` values according to the schema (usually a preset).
///
/// Values go straight from libldap's bervals into the user's ``DirectoryAttributes`` (decoded once, no
/// per-entry dictionary); every user of one decoder shares one ``AttributeTable`` of the requested names.
struct UserEntryDecoder {
    let schema: DirectorySchema
    /// The requested attributes' lower-cased names; a user's values are kept in this order.
    let table: AttributeTable
    /// Lower-cased names of the attributes read as bytes: the schema's binary attributes, and the
    /// anchor when it is a binary GUID.
    let binaryAttributes: Set<String>
    private let anchorSlot: Int
    private let usernameSlot: Int
    private let emailSlots: [Int]
    private let disabledRules: [(slot: Int, rule: DisabledRule)]
    private var builder: DirectoryAttributes.Builder
    /// What each attribute description is made into (see ``AttributeNameCache``).
    private var names = AttributeNameCache<Target>()

    /// Where an attribute's values go.
    private enum Target {
        /// A slot of the table; `binary` values are base64, or the GUID anchor.
        case slot(Int, binary: Bool)
        /// A name the table does not hold (the server answered with another description).
        case extra(String, binary: Bool)
    }

    init(schema: DirectorySchema) {
        self.schema = schema
        var binary = Set(schema.binaryAttributes.map { $0.lowercased() })
        if schema.anchorFormat == .guid { binary.insert(schema.anchorAttribute.lowercased()) }
        self.binaryAttributes = binary
        var names = [schema.anchorAttribute, schema.usernameAttribute] + schema.emailAttributes + schema.attributes
        names += schema.binaryAttributes + schema.disabledRules.map(\.attribute)
        let table = AttributeTable(names: names.map { $0.lowercased() })
        self.table = table
        // Every name below is in the table (it was built from them), so the look-ups cannot fail.
        func slot(_ name: String) -> Int { table.slot(of: name.lowercased()) ?? -1 }
        self.anchorSlot = slot(schema.anchorAttribute)
        self.usernameSlot = slot(schema.usernameAttribute)
        self.emailSlots = schema.emailAttributes.map(slot)
        self.disabledRules = schema.disabledRules.map { (slot($0.attribute), $0) }
        self.builder = DirectoryAttributes.Builder(table: table)
    }

    /// Every attribute a user search must request (the first spelling of each name, in the table's order).
    var requestedAttributes: [String] {
        var names = [schema.anchorAttribute, schema.usernameAttribute] + schema.emailAttributes + schema.attributes
        names += schema.binaryAttributes + schema.disabledRules.map(\.attribute)
        var seen = Set<String>()
        return names.filter { seen.insert($0.lowercased()).inserted }
    }

    /// The user in `entry` (a search entry message, owned by the caller), or a warning when the entry has no
    /// usable anchor (it cannot be matched safely).
    mutating func decode(
        _ entry: OpaquePointer,
        connection: LDAPConnection
    ) throws -> Result<DirectoryUser, DecodingWarning> {
        var anchor: String?
        let dn = try connection.walkAttributes(of: entry) { name, position, values in
            let target = self.target(of: name, position: position)
            let isBinary: Bool
            var index = 0
            switch target {
            case .slot(let slot, let binary):
                builder.open(slot: slot)
                isBinary = binary
                if slot == anchorSlot, let values, let found = anchorValue(values, binary: binary) {
                    anchor = found
                    // The anchor attribute holds the anchor as rendered (lower-cased text, a GUID string); when
                    // that is the first value as sent, the other values follow, and the string is shared.
                    builder.append(found)
                    guard !binary, values[0].equals(found) else { return }
                    index = 1
                }
            case .extra(let extraName, let binary):
                builder.openExtra(name: extraName)
                isBinary = binary
            }
            guard let values else { return }
            while let start = values[index].bv_val {
                let bytes = UnsafeRawBufferPointer(start: start, count: Int(values[index].bv_len))
                builder.append(isBinary ? Data(bytes).base64EncodedString() : String(decoding: bytes, as: UTF8.self))
                index += 1
            }
        }
        let attributes = builder.finish()
        guard let anchor else {
            return .failure(
                DecodingWarning(warning: .entryWithoutAnchor(dn: dn, anchorAttribute: schema.anchorAttribute))
            )
        }
        let email = emailSlots.lazy.compactMap { attributes[slot: $0]?.first }.first
        let isDisabled = disabledRules.contains { $0.rule.matches(attributes[slot: $0.slot] ?? []) }
        return .success(
            DirectoryUser(
                anchor: anchor,
                dn: dn,
                username: attributes[slot: usernameSlot]?.first,
                email: email,
                isEnabled: !isDisabled,
                attributes: attributes
            )
        )
    }

    /// The anchor from the anchor attribute's values: text lower-cased (kept as is when it already is), a
    /// binary GUID as the canonical GUID string; `nil` when empty or not a GUID.
    private func anchorValue(_ values: UnsafeMutablePointer<berval>, binary: Bool) -> String? {
        guard let start = values[0].bv_val else { return nil }
        let bytes = UnsafeRawBufferPointer(start: start, count: Int(values[0].bv_len))
        if binary {
            return schema.anchorFormat == .guid ? GUIDFormatter.string(from: Array(bytes)) : nil
        }
        guard schema.anchorFormat == .text, !bytes.isEmpty else { return nil }
        // Most anchors (entryUUID) are lower case already.
        let text = String(decoding: bytes, as: UTF8.self)
        let isLowercaseASCII = bytes.allSatisfy { $0 < 0x80 && !(65...90).contains($0) }
        return isLowercaseASCII ? text : text.lowercased()
    }

    private mutating func target(of name: berval, position: Int) -> Target {
        let (table, binaryAttributes) = (table, binaryAttributes)
        return names.value(of: name, at: position) { key in
            let binary = binaryAttributes.contains(key)
            return table.slot(of: key).map { .slot($0, binary: binary) } ?? .extra(key, binary: binary)
        }
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
