import OrganizerSyncCore

extension CanonicalWriter {
    /// The canonical JSON of an account as listed.
    static func bytes(of account: ProviderAccount) -> [UInt8] {
        var writer = CanonicalWriter()
        writer.beginObject()
        writer.member("displayName", account.displayName)
        writer.member("email", account.email)
        writer.member("fields", account.fields)
        writer.member("firstName", account.firstName)
        writer.member("id", account.id)
        writer.member("isAdmin", account.isAdmin)
        writer.member("lastName", account.lastName)
        writer.member("licences", account.licences)
        writer.member("roles", account.roles)
        writer.member("status", account.status.rawValue)
        writer.member("userType", account.userType)
        writer.endObject()
        return writer.bytes
    }

    /// SHA-256 (hex) over the canonical JSON of an account as listed, the digest preconditions hold.
    static func digest(of account: ProviderAccount) -> String {
        CanonicalJSON.sha256Hex(bytes(of: account))
    }

    /// The canonical JSON of a desired account.
    static func bytes(of desired: DesiredAccount) -> [UInt8] {
        var writer = CanonicalWriter()
        writer.beginObject()
        writer.member("anchor", desired.anchor)
        writer.member("dn", desired.dn)
        writer.member("fields") { writer in
            let fields = desired.fields
            writer.member("displayName", fields.displayName)
            writer.member("email", fields.email)
            writer.member("fields", fields.fields)
            writer.member("firstName", fields.firstName)
            writer.member("lastName", fields.lastName)
            writer.member("licences", fields.licences)
            writer.member("userType", fields.userType)
        }
        writer.member("isEnabled", desired.isEnabled)
        writer.member("licenceRule", desired.licenceRule)
        writer.member("scopeReasons", desired.scopeReasons)
        writer.endObject()
        return writer.bytes
    }

    /// The canonical JSON of a state record.
    static func bytes(of record: SyncState.ManagedAccount) -> [UInt8] {
        var writer = CanonicalWriter()
        writer.beginObject()
        writer.member("anchor", record.anchor)
        writer.member("email", record.email)
        writer.member("providerID", record.providerID)
        writer.member("suspendedAt", record.suspendedAt)
        writer.member("suspendedLicences", record.suspendedLicences)
        writer.endObject()
        return writer.bytes
    }

    /// The canonical JSON array of `elements`, sorted by their bytes so the order of the input does not matter.
    static func sortedArray(_ elements: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, element) in elements.sorted(by: { $0.lexicographicallyPrecedes($1) }).enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: element)
        }
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }
}
