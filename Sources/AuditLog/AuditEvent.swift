/// What a caller asks ``AuditLogWriter`` to record; the writer adds the envelope (seq, time, run, prev).
///
/// There is no case for `recovered`: only the writer writes those, when it opens a log that ends in a torn line.
/// No member takes a credential: the log never receives secrets.
public enum AuditEvent: Sendable, Hashable {
    /// A run began (first record of every run).
    case runStart(RunStart)
    /// A change is about to be made (written and flushed before the provider is called).
    case intent(Change)
    /// A change was made, failed or was skipped (written and flushed after the provider answered).
    case outcome(Outcome)
    /// A run ended (last record of every run that was not killed).
    case runEnd(RunEnd)

    /// The record type this event becomes.
    public var kind: AuditRecord.Kind {
        switch self {
        case .runStart: .runStart
        case .intent: .intent
        case .outcome: .outcome
        case .runEnd: .runEnd
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
        }
        return record
    }
}
