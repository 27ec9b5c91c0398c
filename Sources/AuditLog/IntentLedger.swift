import OrganizerSyncCore

/// Pairs each `intent` record with what became of it: its `outcome`, or the `recovered` / `abandoned` record a
/// later run wrote (linked by `intent_seq`) for an intent a crash left without one.
///
/// Fed records in log order. `audit verify` walks the whole log through one; a run feeds it the records after the
/// head the state store recorded (those of runs killed since) to find the intents it must resolve.
public struct IntentLedger: Sendable {
    /// Open intents by the change they name: run, target, action, anchor and email (an outcome repeats them).
    private var open: [String: AuditRecord] = [:]
    /// Intents resolved as found made.
    public private(set) var recovered = 0
    /// Intents resolved as not found made (the action is planned again).
    public private(set) var abandoned = 0

    /// An empty ledger.
    public init() {}

    /// Takes one record into account.
    public mutating func note(_ record: AuditRecord) {
        switch record.type {
        case .intent:
            open[Self.key(record)] = record
        case .outcome:
            open[Self.key(record)] = nil
        case .recovered, .abandoned:
            // A `recovered` record without `intent_seq` seals a torn line; it resolves no intent.
            guard let seq = record.intentSeq else { return }
            if record.type == .recovered { recovered += 1 } else { abandoned += 1 }
            if let key = open.first(where: { $0.value.seq == seq })?.key { open[key] = nil }
        default:
            break
        }
    }

    /// The intents with neither an outcome nor a resolution, oldest first.
    public var unresolved: [AuditRecord] { open.values.sorted { $0.seq < $1.seq } }

    /// What an intent and its outcome share.
    private static func key(_ record: AuditRecord) -> String {
        [record.run, record.target ?? "", record.action?.rawValue ?? "", record.anchor ?? "", record.email ?? ""]
            .joined(separator: "\u{1F}")
    }
}
