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

    /// SHA-256 (hex) over the canonical JSON array of `count` values, each written by `write`, sorted by
    /// their bytes so the order of the input does not matter (``CanonicalJSON/setDigest(_:)``'s definition).
    ///
    /// Every value is written into one buffer; the values' ranges are sorted with `memcmp` and hashed in order.
    /// `prefix` and `suffix` are hashed before and after the array (for an array inside an object).
    static func sortedArrayDigest(
        count: Int,
        prefix: [UInt8] = [],
        suffix: [UInt8] = [],
        _ write: (inout CanonicalWriter, Int) -> Void
    ) -> String {
        var writer = CanonicalWriter(capacity: max(256, count * 320))
        var ends: [Int] = []
        ends.reserveCapacity(count)
        // `write` gets an index, not a value: the caller reads the value in place (a copy retains every field).
        for index in 0..<count {
            write(&writer, index)
            ends.append(writer.bytes.count)
        }
        var order = Array(0..<count)
        var hash = SHA256()
        writer.bytes.withUnsafeBytes { buffer in
            // Only an empty buffer (nothing written) has no base address; all its ranges are empty and sort equal.
            let base = buffer.baseAddress
            func range(_ index: Int) -> (start: Int, count: Int) {
                let start = index == 0 ? 0 : ends[index - 1]
                return (start, ends[index] - start)
            }
            order.sort { left, right in
                let a = range(left)
                let b = range(right)
                let order = base.map { memcmp($0 + a.start, $0 + b.start, min(a.count, b.count)) } ?? 0
                return order != 0 ? order < 0 : a.count < b.count
            }
            hash.update(data: prefix + [UInt8(ascii: "[")])
            for (position, index) in order.enumerated() {
                if position > 0 { hash.update(data: [UInt8(ascii: ",")]) }
                let (start, count) = range(index)
                hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[start..<start + count]))
            }
            hash.update(data: [UInt8(ascii: "]")] + suffix)
        }
        return CanonicalJSON.hex(hash.finalize())
    }
}
