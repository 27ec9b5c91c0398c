import Crypto
import Foundation
import OrganizerSyncCore

extension CanonicalWriter {
    /// The canonical JSON of an account as listed.
    static func bytes(of account: ProviderAccount) -> [UInt8] {
        var writer = CanonicalWriter()
        writer.write(account)
        return writer.bytes
    }

    /// SHA-256 (hex) over the canonical JSON of an account as listed, the digest preconditions hold.
    static func digest(of account: ProviderAccount) -> String {
        CanonicalJSON.sha256Hex(bytes(of: account))
    }

    mutating func write(_ account: ProviderAccount) {
        beginObject()
        member("displayName", account.displayName)
        member("email", account.email)
        member("fields", account.fields)
        member("firstName", account.firstName)
        member("id", account.id)
        member("isAdmin", account.isAdmin)
        member("lastName", account.lastName)
        member("licences", account.licences)
        member("roles", account.roles)
        member("status", account.status.rawValue)
        member("userType", account.userType)
        endObject()
    }

    /// The canonical JSON of a desired account.
    static func bytes(of desired: DesiredAccount) -> [UInt8] {
        var writer = CanonicalWriter()
        writer.write(desired)
        return writer.bytes
    }

    mutating func write(_ desired: DesiredAccount) {
        beginObject()
        member("anchor", desired.anchor)
        member("dn", desired.dn)
        key("fields")
        beginObject()
        member("displayName", desired.fields.displayName)
        member("email", desired.fields.email)
        member("fields", desired.fields.fields)
        member("firstName", desired.fields.firstName)
        member("lastName", desired.fields.lastName)
        member("licences", desired.fields.licences)
        member("userType", desired.fields.userType)
        endObject()
        member("isEnabled", desired.isEnabled)
        member("licenceRule", desired.licenceRule)
        member("scopeReasons", desired.scopeReasons)
        endObject()
    }

    /// The canonical JSON of a state record.
    static func bytes(of record: SyncState.ManagedAccount) -> [UInt8] {
        var writer = CanonicalWriter()
        writer.write(record)
        return writer.bytes
    }

    mutating func write(_ record: SyncState.ManagedAccount) {
        beginObject()
        member("anchor", record.anchor)
        member("email", record.email)
        member("providerID", record.providerID)
        member("suspendedAt", record.suspendedAt)
        member("suspendedLicences", record.suspendedLicences)
        endObject()
    }
}
