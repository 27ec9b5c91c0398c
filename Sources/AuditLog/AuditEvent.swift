/// What a caller asks ``AuditLogWriter`` to record; the writer adds the envelope (seq, time, run, prev).
///
/// The `recovered` record of a torn line is the writer's own (written when it opens a log that ends in one);
/// ``resolution(_:)`` makes the `recovered` or `abandoned` record of an intent left without an outcome.
/// No member takes a credential except ``checkpoint(_:)``'s key, which only MACs and is never written.
public enum AuditEvent: Sendable {
    /// A run began (first record of every run).
    case runStart(RunStart)
    /// A change is about to be made (written and flushed before the provider is called).
    case intent(Change)
    /// A change was made, failed or was skipped (written and flushed after the provider answered).
    case outcome(Outcome)
    /// A run ended (last record of every run that was not killed).
    case runEnd(RunEnd)
    /// A checkpoint: the MAC of the record before it under the audit key (the last record of a run).
    case checkpoint(AuditKey)
    /// An administrator accepted a broken chain.
    case acceptBreak(AcceptBreak)
    /// An existing account was adopted as managed.
    case adoption(Adoption)
    /// An intent left without an outcome by a crash was resolved.
    case resolution(Resolution)
    /// A lost state store was rebuilt from the log.
    case stateRebuild(StateRebuild)

    /// The record type this event becomes.
    public var kind: AuditRecord.Kind {
        switch self {
        case .runStart: .runStart
        case .intent: .intent
        case .outcome: .outcome
        case .runEnd: .runEnd
        case .checkpoint: .checkpoint
        case .acceptBreak: .acceptBreak
        case .adoption: .adoption
        case .resolution(let resolution): resolution.isMade ? .recovered : .abandoned
        case .stateRebuild: .stateRebuild
        }
    }

    /// The record for this event with the given envelope.
    func record(seq: Int, time: String, run: String, prev: String) -> AuditRecord {
        var record = AuditRecord(seq: seq, time: time, run: run, type: kind, prev: prev)
        switch self {
        case .runStart(let start): start.fill(&record)
        case .intent(let change): change.fill(&record)
        case .outcome(let outcome): outcome.fill(&record)
        case .runEnd(let end): end.fill(&record)
        case .checkpoint(let key):
            record.mac = key.mac(seq: seq - 1, hash: prev)
            record.keyId = key.keyID
        case .acceptBreak(let accepted): accepted.fill(&record)
        case .adoption(let adoption): adoption.fill(&record)
        case .resolution(let resolution): resolution.fill(&record)
        case .stateRebuild(let rebuild): rebuild.fill(&record)
        }
        return record
    }
}
