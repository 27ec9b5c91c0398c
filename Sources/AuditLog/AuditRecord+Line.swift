import Crypto
public import Foundation
import OrganizerSyncCore

extension AuditRecord {
    /// The record's line without its newline.
    ///
    /// A JSON object with keys sorted by their UTF-8 bytes, no white space, `nil` members left out, `"`, `\` and control characters escaped and everything else (slashes,
    /// non-ASCII) written as is. Written by hand rather than by `JSONEncoder`, so the bytes (which the next record
    /// hashes) depend on nothing but this function.
    /// - Returns: the UTF-8 bytes.
    public func encodedLine() -> [UInt8] {
        var members: [(key: CodingKeys, value: [UInt8])] = []
        members.reserveCapacity(16)
        func add(_ key: CodingKeys, _ value: String?) {
            if let value { members.append((key, JSONText.string(value))) }
        }
        func add(_ key: CodingKeys, _ value: Int?) {
            if let value { members.append((key, Array(String(value).utf8))) }
        }
        add(.seq, seq)
        add(.time, time)
        add(.run, run)
        add(.type, type.rawValue)
        add(.prev, prev)
        add(.user, user)
        add(.host, host)
        add(.command, command)
        add(.toolVersion, toolVersion)
        add(.configDigest, configDigest)
        add(.planDigest, planDigest)
        add(.uid, uid)
        add(.reason, reason)
        add(.ticket, ticket)
        if let overrides { members.append((.overrides, JSONText.array(overrides))) }
        add(.planMaker, planMaker)
        if let scheduler { members.append((.scheduler, JSONText.object(scheduler))) }
        add(.target, target)
        add(.provider, provider)
        add(.action, action?.rawValue)
        add(.email, email)
        add(.anchor, anchor)
        add(.providerId, providerId)
        if let before { members.append((.before, JSONText.object(before))) }
        if let after { members.append((.after, JSONText.object(after))) }
        if let reasons { members.append((.reasons, JSONText.array(reasons))) }
        add(.result, result?.rawValue)
        add(.errorCode, errorCode)
        add(.providerCode, providerCode)
        add(.trackingId, trackingId)
        add(.httpStatus, httpStatus)
        add(.message, message)
        if let counts { members.append((.counts, JSONText.object(counts))) }
        add(.tornLine, tornLine)
        add(.tornBytes, tornBytes)
        add(.tornSHA256, tornSHA256)
        add(.stateId, stateId)
        add(.stateGeneration, stateGeneration)
        add(.mac, mac)
        add(.keyId, keyId)
        add(.brokenLine, brokenLine)
        add(.expectedHead, expectedHead)
        add(.foundHead, foundHead)
        add(.intentSeq, intentSeq)
        if let inScope { members.append((.inScope, JSONText.object(inScope))) }
        members.sort { $0.key.stringValue.utf8.lexicographicallyPrecedes($1.key.stringValue.utf8) }

        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(512)
        for (index, member) in members.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: JSONText.string(member.key.stringValue))
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: member.value)
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// Lower-case hex SHA-256 of `line` (a line's bytes without its newline): what the next record's `prev` holds.
    /// - Parameter line: the bytes.
    /// - Returns: 64 hex digits.
    public static func hash(ofLine line: some DataProtocol) -> String {
        hex(SHA256.hash(data: line))
    }

    /// Lower-case hex of `bytes`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// JSON text for the few value shapes the log holds.
enum JSONText {
    static func string(_ value: String) -> [UInt8] {
        JSONString.quoted(value)
    }

    static func array(_ values: [String]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += string(value)
        }
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }

    static func object(_ dictionary: [String: String]) -> [UInt8] {
        object(dictionary.mapValues(string))
    }

    static func object(_ dictionary: [String: Int]) -> [UInt8] {
        object(dictionary.mapValues { Array(String($0).utf8) })
    }

    private static func object(_ dictionary: [String: [UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        let sorted = dictionary.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (index, entry) in sorted.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += string(entry.key)
            bytes.append(UInt8(ascii: ":"))
            bytes += entry.value
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}
