import OrganizerSyncCore

extension AuditRecord {
    /// Reads a record from a line in the shape ``encodedLine()`` writes, without `JSONDecoder` (which dominated
    /// reading a large log).
    ///
    /// `nil` for any other line (a missing, unknown or repeated key, a value of another type or shape, white
    /// space, an unknown type, action or result): ``ParsedLine`` then decodes it with `JSONDecoder`, so a line
    /// reads exactly as before and a bad line gets the same verdict and message.
    /// - Parameter bytes: the line without its newline.
    /// - Returns: the record, equal to what `JSONDecoder` makes of the line.
    static func scanned(_ bytes: UnsafeRawBufferPointer) -> AuditRecord? {
        var scanner = AuditLineScanner(bytes)
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        var record = AuditRecord(seq: 0, time: "", run: "", type: .intent, prev: "")
        var seen = Set<CodingKeys>()
        repeat {
            guard let name = scanner.string(), let key = Self.keys[name], seen.insert(key).inserted,
                scanner.take(UInt8(ascii: ":")), record.scan(key, &scanner)
            else { return nil }
        } while scanner.take(UInt8(ascii: ","))
        guard scanner.take(UInt8(ascii: "}")), scanner.isAtEnd,
            seen.isSuperset(of: [.seq, .time, .run, .type, .prev])
        else { return nil }
        return record
    }

    /// The keys by name: one hash lookup instead of comparing the name with every key in turn.
    private static let keys = Dictionary(uniqueKeysWithValues: CodingKeys.allCases.map { ($0.stringValue, $0) })

    /// Reads the value of `key` into its member; `false` when it is not of the member's type.
    private mutating func scan(_ key: CodingKeys, _ scanner: inout AuditLineScanner) -> Bool {
        func text(_ member: inout String?) -> Bool {
            member = scanner.string()
            return member != nil
        }
        func number(_ member: inout Int?) -> Bool {
            member = scanner.integer()
            return member != nil
        }
        func texts(_ member: inout [String: String]?) -> Bool {
            member = scanner.object { $0.string() }
            return member != nil
        }
        switch key {
        case .seq:
            guard let value = scanner.integer() else { return false }
            seq = value
        case .time:
            guard let value = scanner.string() else { return false }
            time = value
        case .run:
            guard let value = scanner.string() else { return false }
            run = value
        case .type:
            guard let value = scanner.string().flatMap(Kind.init(rawValue:)) else { return false }
            type = value
        case .prev:
            guard let value = scanner.string() else { return false }
            prev = value
        case .user: return text(&user)
        case .host: return text(&host)
        case .command: return text(&command)
        case .toolVersion: return text(&toolVersion)
        case .configDigest: return text(&configDigest)
        case .planDigest: return text(&planDigest)
        case .uid: return number(&uid)
        case .reason: return text(&reason)
        case .ticket: return text(&ticket)
        case .overrides:
            overrides = scanner.strings()
            return overrides != nil
        case .planMaker: return text(&planMaker)
        case .scheduler: return texts(&scheduler)
        case .target: return text(&target)
        case .provider: return text(&provider)
        case .action:
            action = scanner.string().flatMap(AuditAction.init(rawValue:))
            return action != nil
        case .email: return text(&email)
        case .anchor: return text(&anchor)
        case .providerId: return text(&providerId)
        case .before: return texts(&before)
        case .after: return texts(&after)
        case .reasons:
            reasons = scanner.strings()
            return reasons != nil
        case .result:
            result = scanner.string().flatMap(AuditResult.init(rawValue:))
            return result != nil
        case .errorCode: return text(&errorCode)
        case .providerCode: return text(&providerCode)
        case .trackingId: return text(&trackingId)
        case .httpStatus: return number(&httpStatus)
        case .message: return text(&message)
        case .counts:
            counts = scanner.object { $0.integer() }
            return counts != nil
        case .tornLine: return number(&tornLine)
        case .tornBytes: return number(&tornBytes)
        case .tornSHA256: return text(&tornSHA256)
        case .stateId: return text(&stateId)
        case .stateGeneration: return number(&stateGeneration)
        case .mac: return text(&mac)
        case .keyId: return text(&keyId)
        case .brokenLine: return number(&brokenLine)
        case .expectedHead: return text(&expectedHead)
        case .foundHead: return text(&foundHead)
        case .intentSeq: return number(&intentSeq)
        case .inScope:
            inScope = scanner.object { $0.integer() }
            return inScope != nil
        }
        return true
    }
}
